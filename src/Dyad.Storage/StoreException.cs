namespace Dyad.Storage;

/// <summary>A store failure with a message meant for the user (locked database, full disk, bad schema, ...).</summary>
public sealed class StoreException : Exception
{
    public StoreException()
    {
    }

    public StoreException(string message)
        : base(message)
    {
    }

    public StoreException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
