using System.CommandLine;
using ReaderKit.VirtualCamera;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;
using ReaderKit.VirtualCard.Vpcd;

namespace ReaderKit.Simulator;

/// <summary>
/// <c>vpcd [--persona NAME] [--host 127.0.0.1] [--port 35963]</c>: serves a persona's virtual card to PC/SC software
/// as a virtual ICC of vsmartcard's vpcd (Debian vsmartcard-vpcd + pcscd). Runs until Ctrl+C.
/// </summary>
internal sealed class VpcdVerb : ISimulatorVerb
{
    public Command Build()
    {
        var persona = new Option<string>("--persona") { Description = "Persona name (see `personas`).", DefaultValueFactory = _ => PersonaCatalog.DefaultName };
        var host = new Option<string>("--host") { Description = "Host where vpcd listens.", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "vpcd port (35963 = first slot).", DefaultValueFactory = _ => VpcdCardServer.DefaultPort };
        var photos = new Option<string?>("--photos") { Description = "Directory with <persona>.jp2 or default.jp2 chip photos (default: the persona's npm sample face as JP2)." };
        var seed = new Option<string>("--seed") { Description = "Test PKI seed.", DefaultValueFactory = _ => TestPki.DefaultSeed };
        var trustOut = new Option<string?>("--trust-out") { Description = "Also write the test PKI trust-store JSON to this file." };
        var command = new Command("vpcd", "Serve a virtual My Number Card to PC/SC software through vsmartcard's vpcd.")
        {
            persona, host, port, photos, seed, trustOut,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var name = parseResult.GetValue(persona)!;
            if (!PersonaCatalog.TryGet(name, out var selected))
            {
                await Console.Error.WriteLineAsync($"vpcd: unknown persona '{name}' (see `personas`).").ConfigureAwait(false);
                return 2;
            }

            var pki = TestPki.ForSeed(parseResult.GetValue(seed)!);
            if (parseResult.GetValue(trustOut) is { } trustPath)
            {
                pki.WriteTrustJson(trustPath);
                Console.WriteLine($"vpcd: trust store written to {trustPath}");
            }

            IChipPhotoSource photoSource = parseResult.GetValue(photos) is { } dir
                ? new DirectoryChipPhotoSource(dir)
                : new ChipPhotoFactory();
            try
            {
                _ = photoSource.GetPhoto(selected); // fail here, not in the middle of a PC/SC session
            }
#pragma warning disable CA1031 // any photo failure falls back to the synthetic portrait, with a message
            catch (Exception e)
#pragma warning restore CA1031
            {
                await Console.Error.WriteLineAsync($"vpcd: chip photo unavailable ({e.GetType().Name}: {e.Message}); using a synthetic JP2 portrait").ConfigureAwait(false);
                photoSource = new SyntheticPortraitPhotoSource();
            }
            var card = VirtualMyNumberCard.Create(selected, photoSource, pki);
            var server = new VpcdCardServer(card);
            server.Log += Console.WriteLine;
            var h = parseResult.GetValue(host)!;
            var p = parseResult.GetValue(port);
            Console.WriteLine($"vpcd: serving persona {selected.Name} (ATR {Convert.ToHexString(card.PseudoAtr)}) to vpcd at {h}:{p}; Ctrl+C stops");
            await server.RunAsync(h, p, cancellationToken).ConfigureAwait(false);
            Console.WriteLine("vpcd: stopped");
            return 0;
        });
        return command;
    }
}
