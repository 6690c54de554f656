using System.Diagnostics;

namespace ReaderKit.EndToEnd.Tests;

/// <summary>
/// Runs the `readerkit` tool as an integrator does: the built <c>readerkit.dll</c> beside the tests under <c>dotnet</c>, a
/// secret written to its standard input (never argv), standard output and error captured, at most two minutes.
/// </summary>
internal static class ReaderKitCli
{
    /// <summary>How long one run may take before the test fails with a cancellation.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Starts <c>readerkit <paramref name="args"/></c>, writes <paramref name="standardInput"/> as one line and closes the input.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IEnumerable<string> args, string standardInput)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "readerkit.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync(standardInput);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
