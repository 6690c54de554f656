using System.Diagnostics;
using System.Text;

namespace ReaderKit.Packaging.Tests;

/// <summary>The result of one child process.</summary>
internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public string Both => Stdout + Stderr;
}

/// <summary>Runs programs with a deadline (killed with their children when it passes).</summary>
internal static class Shell
{
    public static ProcessResult Run(string file, IEnumerable<string> args, TimeSpan? timeout = null, IReadOnlyDictionary<string, string?>? env = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        if (env is not null)
        {
            foreach (var (k, v) in env)
            {
                if (v is null)
                {
                    start.Environment.Remove(k);
                }
                else
                {
                    start.Environment[k] = v;
                }
            }
        }

        using var p = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + file);
        p.StandardInput.Close();
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeout}: {stdout}{stderr}");
        }

        p.WaitForExit();
        return new ProcessResult(p.ExitCode, stdout.ToString(), stderr.ToString());
    }

    public static ProcessResult Run(string file, params string[] args) => Run(file, args, null, null, null);

    /// <summary>Runs and fails the test unless the exit code is 0.</summary>
    public static ProcessResult Ok(string file, params string[] args)
    {
        var r = Run(file, args);
        Assert.True(r.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {r.ExitCode}:\n{r.Both}");
        return r;
    }

    public static ProcessResult Ok(string file, IEnumerable<string> args, TimeSpan? timeout = null, IReadOnlyDictionary<string, string?>? env = null)
    {
        var r = Run(file, args, timeout, env);
        Assert.True(r.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {r.ExitCode}:\n{r.Both}");
        return r;
    }
}
