using System.Diagnostics;

namespace ReaderKit.Native.Tests;

/// <summary>Runs a program to completion with a deadline and returns its exit code and output.</summary>
internal static class Run
{
    public static async Task<(int Exit, string Stdout, string Stderr)> ProgramAsync(string file, IEnumerable<string> args, TimeSpan timeout, IDictionary<string, string>? environment = null, string? stdin = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Repo.Root,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + file);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, await stdout, await stderr + $"\n(killed after {timeout.TotalSeconds} s)");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
