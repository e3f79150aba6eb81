namespace TokenHound.Cli;

public static class Program
{
    public static int Main(string[] args) => App.Run(args, new AppConsole(Console.Out, Console.Error, Console.In, !Console.IsErrorRedirected, !Console.IsOutputRedirected));
}
