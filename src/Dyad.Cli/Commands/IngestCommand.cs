using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Dyad.Pipeline;
using Dyad.Reading;
using Dyad.Storage;

namespace Dyad.Cli.Commands;

/// <summary>
/// <c>dyad ingest</c>: read articles, analyse them on every core, and store them in transactional
/// batches. Idempotent (a document already stored is skipped before analysis) and crash-safe (a
/// killed run keeps every committed batch; running it again completes the rest).
/// </summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var store = new StoreOptions();
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files or folders (recursively): text, header format, HTML, JSON Lines, RSS/Atom; '-' for standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var date = new Option<string?>("--date") { Description = "Document creation time YYYY-MM-DD for inputs that carry none (overrides theirs)." };
        var maxSize = new Option<string?>("--max-size") { Description = "Largest input accepted, e.g. 10MB (default), 500KB." };
        var batch = new Option<int>("--batch") { Description = "Documents per transaction (default 200).", DefaultValueFactory = _ => 200 };
        var quiet = new Option<bool>("--quiet") { Description = "No progress; only errors and the summary." };
        var names = NamesOption.Create();
        var command = new Command("ingest", "Analyse articles and add them to the store (idempotent, resumable).") { paths, date, maxSize, batch, quiet, names };
        store.AddTo(command);
        command.SetAction(result =>
        {
            var options = ReaderOptions.Default;
            if (result.GetValue(date) is { } dateText)
            {
                if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dct))
                {
                    Console.Error.WriteLine($"dyad: --date '{dateText}' is not a date of the form YYYY-MM-DD");
                    return 2;
                }

                options = options with { Date = dct };
            }

            if (result.GetValue(maxSize) is { } sizeText)
            {
                if (InputFiles.ParseSize(sizeText) is not { } bytes)
                {
                    Console.Error.WriteLine($"dyad: --max-size '{sizeText}' is not a size (examples: 10MB, 500KB, 1048576)");
                    return 2;
                }

                options = options with { MaxBytes = bytes };
            }

            if (result.GetValue(batch) is < 1 or > 100_000)
            {
                Console.Error.WriteLine("dyad: --batch must be between 1 and 100000");
                return 2;
            }

            using var opened = store.Open(result);
            if (opened is null)
            {
                return 2;
            }

            return new Ingest(opened, options, result.GetValue(batch), result.GetValue(quiet), NamesOption.Pipeline(result, names)).Run(result.GetValue(paths)!);
        });
        return command;
    }

    private sealed class Ingest(IStore store, ReaderOptions options, int batchSize, bool quiet, AnalysisPipeline pipeline)
    {
        private readonly BlockingCollection<Analysis> _queue = new(Math.Max(64, batchSize * 4));
        private readonly ConcurrentQueue<string> _failures = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private int _read, _new, _unchanged, _failed, _inputsDone, _inputsTotal, _saved;
        private long _storageTicks;
        private string? _fatal;

        public int Run(IReadOnlyList<string> paths)
        {
            var (inputs, expandErrors) = InputFiles.Expand(paths);
            foreach (var e in expandErrors)
            {
                Fail(e.Origin, e.Reason);
            }

            _inputsTotal = inputs.Count;
            Console.CancelKeyPress += OnCancel;
            var writer = new Thread(WriteLoop) { Name = "dyad-store-writer" };
            writer.Start();
            using var progress = quiet ? null : new Timer(_ => Progress(final: false), null, Console.IsErrorRedirected ? 10_000 : 250, Console.IsErrorRedirected ? 10_000 : 250);
            try
            {
                Parallel.ForEach(
                    inputs,
                    new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = _stop.Token },
                    Analyse);
            }
            catch (OperationCanceledException)
            {
                // Interrupted or the store failed: what is analysed is still written below.
            }
            finally
            {
                _queue.CompleteAdding();
                writer.Join();
                Console.CancelKeyPress -= OnCancel;
            }

            progress?.Dispose();
            if (!quiet && !Console.IsErrorRedirected)
            {
                Console.Error.Write("\r\u001b[K");
            }

            Summary();
            return _fatal is not null || _failed > 0 ? 1 : 0;
        }

        private void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            _fatal ??= "interrupted: every batch written so far is kept; run the same command again to finish";
            _stop.Cancel();
        }

        private void Analyse(InputSource input)
        {
            var read = InputFiles.Read(input, options);
            foreach (var error in read.Errors)
            {
                Fail(error.Origin, error.Reason);
            }

            foreach (var document in read.Documents)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }

                Interlocked.Increment(ref _read);
                try
                {
                    if (store.Has(DocumentId.For(document)))
                    {
                        Interlocked.Increment(ref _unchanged);
                        continue;
                    }
                }
                catch (StoreException ex)
                {
                    _fatal ??= ex.Message;
                    _stop.Cancel();
                    return;
                }

                Analysis analysis;
                try
                {
                    analysis = pipeline.Analyze(document);
                }
#pragma warning disable CA1031 // One bad article must never stop the run: it is reported and skipped.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Fail(document.Origin, $"analysis failed: {ex.GetType().Name}: {ex.Message}");
                    continue;
                }

                try
                {
                    _queue.Add(analysis, _stop.Token);
                }
                catch (InvalidOperationException)
                {
                    return;
                }
            }

            Interlocked.Increment(ref _inputsDone);
        }

        private void WriteLoop()
        {
            var batch = new List<Analysis>(batchSize);
            var flushAt = DateTime.MaxValue;
            while (!_queue.IsCompleted)
            {
                var wait = batch.Count == 0 ? 500 : Math.Max(0, (int)(flushAt - DateTime.UtcNow).TotalMilliseconds);
                if (_queue.TryTake(out var analysis, wait))
                {
                    if (batch.Count == 0)
                    {
                        flushAt = DateTime.UtcNow.AddSeconds(1);
                    }

                    batch.Add(analysis);
                }

                if (batch.Count >= batchSize || (batch.Count > 0 && DateTime.UtcNow >= flushAt))
                {
                    Flush(batch);
                }
            }

            Flush(batch);
        }

        private void Flush(List<Analysis> batch)
        {
            if (batch.Count == 0 || _fatal is not null && _saved < 0)
            {
                batch.Clear();
                return;
            }

            var start = Stopwatch.GetTimestamp();
            try
            {
                var saved = store.Save(batch);
                Interlocked.Add(ref _new, saved.New);
                Interlocked.Add(ref _unchanged, saved.Unchanged);
                foreach (var f in saved.Failed)
                {
                    Fail(f.Origin, "not stored: " + f.Reason);
                }

                _saved += batch.Count;
            }
            catch (StoreException ex)
            {
                _fatal = ex.Message;
                _saved = -1;
                _stop.Cancel();

                // Drain: nothing more can be written; the producers stop.
                while (_queue.TryTake(out _))
                {
                }
            }
            finally
            {
                Interlocked.Add(ref _storageTicks, Stopwatch.GetTimestamp() - start);
                batch.Clear();
            }
        }

        private void Fail(string origin, string reason)
        {
            Interlocked.Increment(ref _failed);
            _failures.Enqueue($"{origin}: {reason}");
            if (!quiet)
            {
                lock (_failures)
                {
                    Console.Error.WriteLine((Console.IsErrorRedirected ? "" : "\r\u001b[K") + $"dyad: {origin}: {reason}");
                }
            }
        }

        private void Progress(bool final)
        {
            var seconds = Math.Max(0.001, _clock.Elapsed.TotalSeconds);
            var rate = _read / seconds;
            var done = Volatile.Read(ref _inputsDone);
            var eta = done > 0 && _inputsTotal > done ? TimeSpan.FromSeconds(seconds / done * (_inputsTotal - done)) : TimeSpan.Zero;
            var line = string.Create(CultureInfo.InvariantCulture,
                $"ingest: {done:N0}/{_inputsTotal:N0} inputs, {_read:N0} documents ({_new:N0} new, {_unchanged:N0} unchanged, {_failed:N0} failed), {rate:0.0} docs/s, ETA {eta:h\\:mm\\:ss}");
            lock (_failures)
            {
                if (Console.IsErrorRedirected)
                {
                    Console.Error.WriteLine(line);
                }
                else if (!final)
                {
                    Console.Error.Write("\r\u001b[K" + line);
                }
            }
        }

        private void Summary()
        {
            var seconds = _clock.Elapsed.TotalSeconds;
            var storage = TimeSpan.FromTicks((long)(_storageTicks * (TimeSpan.TicksPerSecond / (double)Stopwatch.Frequency))).TotalSeconds;
            var err = Console.Error;
            err.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"dyad ingest: {_read:N0} documents read from {_inputsTotal:N0} inputs in {seconds:0.0} s ({_read / Math.Max(0.001, seconds):0.0} docs/s): {_new:N0} new, {_unchanged:N0} unchanged, {_failed:N0} failed"));
            try
            {
                var counts = store.Counts();
                err.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  store: {store.Description}: {counts.Documents:N0} documents, {counts.Events:N0} events from {counts.EventMentions:N0} reports; writing took {storage:0.00} s ({100 * storage / Math.Max(0.001, seconds):0.0}% of the run)"));
            }
            catch (StoreException ex)
            {
                err.WriteLine($"  store: {ex.Message}");
            }

            if (!_failures.IsEmpty)
            {
                err.WriteLine("  failed:");
                foreach (var f in _failures.Take(20))
                {
                    err.WriteLine("    " + f);
                }

                if (_failures.Count > 20)
                {
                    err.WriteLine($"    ... and {_failures.Count - 20:N0} more");
                }
            }

            if (_fatal is not null)
            {
                err.WriteLine($"dyad: {_fatal}");
            }
        }
    }
}
