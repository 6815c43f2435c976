using Dissect.Core;

namespace Dissect.Cli.Output;

/// <summary>The tree structure of one packet's field list (Parent links turned into children lists), in arrays
/// reused from packet to packet.</summary>
public sealed class TreeShape
{
    int[] _first = new int[256], _next = new int[256], _last = new int[256], _depth = new int[256];
    int _rootFirst, _rootLast, _count;

    public int RootFirst => _rootFirst;
    public int FirstChild(int i) => _first[i];
    public int NextSibling(int i) => _next[i];
    public int Depth(int i) => _depth[i];
    public bool HasChildren(int i) => _first[i] >= 0;

    public void Build(PacketFields pf)
    {
        var entries = pf.Entries;
        _count = entries.Length;
        if (_first.Length < _count)
        {
            int size = Math.Max(_count, _first.Length * 2);
            _first = new int[size]; _next = new int[size]; _last = new int[size]; _depth = new int[size];
        }
        _rootFirst = _rootLast = -1;
        for (int i = 0; i < _count; i++)
        {
            _first[i] = _next[i] = _last[i] = -1;
            int parent = entries[i].Parent;
            // A parent must come before its child; anything else is treated as top level.
            if (parent < 0 || parent >= i)
            {
                _depth[i] = 0;
                if (_rootLast < 0) _rootFirst = i; else _next[_rootLast] = i;
                _rootLast = i;
            }
            else
            {
                _depth[i] = _depth[parent] + 1;
                if (_last[parent] < 0) _first[parent] = i; else _next[_last[parent]] = i;
                _last[parent] = i;
            }
        }
    }
}
