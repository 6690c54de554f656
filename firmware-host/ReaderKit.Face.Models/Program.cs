using System.CommandLine;
using ReaderKit.Face.Models;

// ReaderKit.Face.Models: converts the pinned TF.js face models (npm) to ONNX at build time.
var npmOption = new Option<DirectoryInfo>("--npm") { Description = "node_modules folder holding the pinned npm packages", Required = true };
var outOption = new Option<DirectoryInfo>("--out") { Description = "output folder for *.onnx and models.json", Required = true };
var forceOption = new Option<bool>("--force") { Description = "rebuild even when models.json says the outputs are up to date" };
var build = new Command("build", "Verify the npm inputs' SHA-256, convert BlazeFace, FaceMesh, the face-api ResNet and the human-models descriptors to ONNX, write models.json");
build.Options.Add(npmOption);
build.Options.Add(outOption);
build.Options.Add(forceOption);
build.SetAction((parseResult, cancellationToken) =>
{
    try
    {
        new ModelBuilder(Console.Out).Build(
            parseResult.GetValue(npmOption)!.FullName, parseResult.GetValue(outOption)!.FullName, parseResult.GetValue(forceOption), cancellationToken);
        return Task.FromResult(0);
    }
    catch (ConversionException e)
    {
        Console.Error.WriteLine($"models: {e.Message}");
        return Task.FromResult(1);
    }
});

var root = new RootCommand("ReaderKit face model build (TF.js → ONNX)");
root.Subcommands.Add(build);
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
