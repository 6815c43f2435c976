namespace Dissect.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        using var stdout = Console.OpenStandardOutput();
        return Cli.Run(args, stdout, Console.Out, Console.Error);
    }
}
