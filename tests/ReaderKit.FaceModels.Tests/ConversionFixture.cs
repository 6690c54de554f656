using System.Diagnostics;
using ReaderKit.Face.Models;

namespace ReaderKit.FaceModels.Tests;

/// <summary>Builds the ONNX models into a temp folder and runs the TF.js reference script once per test run.</summary>
public sealed class ConversionFixture : IDisposable
{
    public ConversionFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "readerkit-facemodels-" + Guid.NewGuid().ToString("N"));
        ModelsDirectory = Path.Combine(Root, "models");
        ReferenceDirectory = Path.Combine(Root, "reference");
        if (!Directory.Exists(RepoPaths.NodeModules))
        {
            return; // each test fails with the clear message from RepoPaths.RequireNodeModules
        }

        var log = new StringWriter();
        var clock = Stopwatch.StartNew();
        Built = new ModelBuilder(log).Build(RepoPaths.NodeModules, ModelsDirectory, force: false);
        BuildLog = log.ToString();
        BuildTime = clock.Elapsed;
        clock.Restart();
        PhotoInputs.Write(RepoPaths.NodeModules, ReferenceDirectory);
        (NodeExitCode, NodeOutput) = RunNode(ReferenceDirectory);
        NodeTime = clock.Elapsed;
    }

    public string Root { get; }

    public string ModelsDirectory { get; }

    public string ReferenceDirectory { get; }

    public IReadOnlyList<BuiltModel> Built { get; } = [];

    public string BuildLog { get; } = string.Empty;

    public TimeSpan BuildTime { get; }

    public TimeSpan NodeTime { get; }

    public int NodeExitCode { get; } = -1;

    public string NodeOutput { get; } = string.Empty;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static (int ExitCode, string Output) RunNode(string outDirectory)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.NpmFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("reference.mjs");
        start.ArgumentList.Add(outDirectory);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"node could not be started: {e.Message}");
        }

        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();

            // Pure-JS TF.js needs ~15 s for the six cases on an idle 2-core VM; allow for a loaded machine.
            if (!process.WaitForExit(TimeSpan.FromMinutes(4)))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "node reference.mjs timed out after 4 minutes");
            }

            process.WaitForExit();
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
