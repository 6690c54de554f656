using System.CommandLine;
using ReaderKit.VirtualCamera;
using ReaderKit.VirtualCard.Personas;

namespace ReaderKit.Simulator;

/// <summary>
/// `camera --persona NAME --out DIR [--frames N] [--presentation live|static-photo|empty]`: renders what the kiosk
/// camera would see (640×480 JPEG frames) for a file/sequence camera source.
/// </summary>
internal sealed class CameraVerb : ISimulatorVerb
{
    public Command Build()
    {
        var persona = new Option<string>("--persona") { Description = "Who stands in front of the camera.", DefaultValueFactory = _ => PersonaCatalog.DefaultName };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for frame-NNNN.jpg.", Required = true };
        var frames = new Option<int>("--frames") { Description = "Number of frames.", DefaultValueFactory = _ => 12 };
        var presentation = new Option<string>("--presentation") { Description = "live, static-photo or empty.", DefaultValueFactory = _ => "live" };
        var command = new Command("camera", "Render a persona's live camera frames (JPEG) for the file camera source.");
        command.Options.Add(persona);
        command.Options.Add(output);
        command.Options.Add(frames);
        command.Options.Add(presentation);
        command.SetAction(parse =>
        {
            var kind = parse.GetValue(presentation) switch
            {
                "live" => LivePresentation.Live,
                "static-photo" => LivePresentation.StaticPhoto,
                "empty" => LivePresentation.Empty,
                var other => throw new ArgumentException($"Unknown --presentation '{other}': use live, static-photo or empty."),
            };
            var dir = parse.GetValue(output)!;
            var paths = LiveCamera.WriteFrames(dir.FullName, PersonaCatalog.Get(parse.GetValue(persona)!), parse.GetValue(frames), kind);
            Console.Out.WriteLine($"camera: {paths.Count} frames in {dir.FullName}");
            return 0;
        });
        return command;
    }
}
