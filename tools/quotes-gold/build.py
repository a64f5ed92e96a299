#!/usr/bin/env python3
"""Builds brat attribution annotations (.txt + .ann) from the inline markup in data/quotes-gold/*/markup/.

Markup (one article per .md file): {S1:speaker} {C1:cue} {D1:direct content} {R1:reported content}.
The number groups a quotation; a content may borrow another group's source with '@': {D2@1:...}
(its cue, if any, is its own group's {C2:...}). No nesting; the text between braces is copied as is.
Output per article: NAME.txt and NAME.ann with T (Source/Cue/Content), E Attribution events
(trigger = the cue), R Attribution relations where there is no cue, and A Direct attributes.
Folders: data/quotes-gold/dev (used while developing) and data/quotes-gold/heldout, heldout2 (written after, never tuned on).
Usage: python3 tools/quotes-gold/build.py
"""
import os, re, sys

pattern = re.compile(r'\{([SCDR])(\d+)(?:@(\d+))?:([^{}]*)\}')

def build(markup):
    text, spans, pos = [], [], 0
    out_len = 0
    for m in pattern.finditer(markup):
        chunk = markup[pos:m.start()]
        text.append(chunk); out_len += len(chunk)
        kind, group, borrow, inner = m.group(1), int(m.group(2)), m.group(3), m.group(4)
        spans.append((kind, group, int(borrow) if borrow else None, out_len, out_len + len(inner), inner))
        text.append(inner); out_len += len(inner)
        pos = m.end()
    text.append(markup[pos:])
    return ''.join(text), spans

def ann(spans):
    lines, ids, n = [], {}, 0
    for kind, group, borrow, s, e, inner in spans:
        n += 1
        tid = f'T{n}'
        typ = {'S': 'Source', 'C': 'Cue', 'D': 'Content', 'R': 'Content'}[kind]
        lines.append(f'{tid}\t{typ} {s} {e}\t{inner}')
        ids.setdefault(group, {}).setdefault(kind, []).append(tid)
    ev = rel = att = 0
    for kind, group, borrow, s, e, inner in spans:
        if kind not in 'DR':
            continue
    # contents in order of appearance
    content_ids = []
    n = 0
    for kind, group, borrow, s, e, inner in spans:
        n += 1
        if kind in 'DR':
            content_ids.append((f'T{n}', kind, group, borrow))
    for tid, kind, group, borrow in content_ids:
        src_group = borrow if borrow else group
        sources = ids.get(src_group, {}).get('S', [])
        cues = ids.get(group, {}).get('C', [])
        if cues:
            ev += 1
            args = [f'Attribution:{cues[0]}'] + [f'Source:{x}' for x in sources] + [f'Content:{tid}']
            lines.append(f'E{ev}\t' + ' '.join(args))
        else:
            for x in sources:
                rel += 1
                lines.append(f'R{rel}\tAttribution Arg1:{tid} Arg2:{x}')
        if kind == 'D':
            att += 1
            lines.append(f'A{att}\tDirect {tid}')
    return '\n'.join(lines) + '\n'

def main():
    base_dir = os.path.join(os.path.dirname(__file__), '..', '..', 'data', 'quotes-gold')
    for part in ('dev', 'heldout', 'heldout2'):
        build_folder(os.path.join(base_dir, part))

def build_folder(root):
    src = os.path.join(root, 'markup')
    count = 0
    for name in sorted(os.listdir(src)):
        if not name.endswith('.md'):
            continue
        markup = open(os.path.join(src, name), encoding='utf-8').read().strip('\n') + '\n'
        text, spans = build(markup)
        base = os.path.join(root, name[:-3])
        open(base + '.txt', 'w', encoding='utf-8', newline='').write(text)
        open(base + '.ann', 'w', encoding='utf-8', newline='').write(ann(spans))
        for kind, group, borrow, s, e, inner in spans:
            assert text[s:e] == inner
        count += 1
    print(f'{count} articles written to {os.path.normpath(root)}')

if __name__ == '__main__':
    main()
