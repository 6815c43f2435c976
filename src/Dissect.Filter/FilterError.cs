using System.Text;

namespace Dissect.Filter;

/// <summary>A filter that cannot be compiled: one line of message and the span of the offending token.</summary>
public sealed class FilterError
{
    public FilterError(string message, int position, int length, string expression)
    {
        Message = message;
        Expression = expression ?? "";
        Position = Math.Clamp(position, 0, Expression.Length);
        Length = Math.Max(1, length);
    }

    /// <summary>One line, e.g. <c>unknown field "tcp.prot"; did you mean "tcp.port"?</c></summary>
    public string Message { get; }
    /// <summary>Character offset of the offending token in <see cref="Expression"/>.</summary>
    public int Position { get; }
    public int Length { get; }
    public string Expression { get; }

    /// <summary>The expression, a caret line under the offending token (^~~~), and the message; LF-separated.</summary>
    public string Render()
    {
        var sb = new StringBuilder();
        // Control characters would shift the caret: show them as spaces.
        foreach (char c in Expression) sb.Append(char.IsControl(c) ? ' ' : c);
        sb.Append('\n');
        sb.Append(' ', Position);
        sb.Append('^');
        int tildes = Math.Min(Length, Math.Max(1, Expression.Length - Position)) - 1;
        if (tildes > 0) sb.Append('~', tildes);
        sb.Append('\n');
        sb.Append(Message);
        return sb.ToString();
    }

    public override string ToString() => Message;
}
