using System.CommandLine;
using ReaderKit.VirtualCamera;
using ReaderKit.VirtualCard;
using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Images;
using ReaderKit.VirtualCard.Personas;
using ReaderKit.VirtualCard.Profiles;
using ReaderKit.VirtualCard.Vpcd;

namespace ReaderKit.Simulator;

/// <summary>
/// <c>vpcd [--persona NAME] [--profile NAME] [--host 127.0.0.1] [--port 35963] [--listen]</c>: serves a persona's virtual card
/// to PC/SC software as a virtual ICC of vsmartcard's vpcd (Debian vsmartcard-vpcd + pcscd). Connects to vpcd by default; with
/// <c>--listen</c> it waits on <c>--host:--port</c> for vpcd to connect (vpcd configured with <c>DEVICENAME host:port</c>), so
/// nothing listens beyond that address. <c>--remove-after N</c> removes the card after N APDUs (the next exchange fails as when
/// a card leaves a contactless reader mid-read; vpcd then sees an empty reader). Runs until Ctrl+C.
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
        var profile = new Option<string?>("--profile")
        {
            Description = $"Card model ({string.Join(", ", CardProfile.All.Select(p => p.Name))}); default: the persona's.",
        };
        var listen = new Option<bool>("--listen") { Description = "Listen on --host:--port for vpcd (vpcd DEVICENAME host:port) instead of connecting to it." };
        var removeAfter = new Option<int?>("--remove-after") { Description = "Remove the card after this many APDUs (removal mid-read); default: never." };
        var command = new Command("vpcd", "Serve a virtual My Number Card to PC/SC software through vsmartcard's vpcd.")
        {
            persona, profile, host, port, photos, seed, trustOut, listen, removeAfter,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var name = parseResult.GetValue(persona)!;
            if (!PersonaCatalog.TryGet(name, out var selected))
            {
                await Console.Error.WriteLineAsync($"vpcd: unknown persona '{name}' (see `personas`).").ConfigureAwait(false);
                return 2;
            }

            var cardProfile = selected.Profile;
            if (parseResult.GetValue(profile) is { } profileName && !CardProfile.TryGet(profileName, out cardProfile))
            {
                await Console.Error.WriteLineAsync($"vpcd: unknown card profile '{profileName}' ({string.Join(", ", CardProfile.All.Select(p => p.Name))}).").ConfigureAwait(false);
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
            var card = VirtualMyNumberCard.Create(selected, photoSource, cardProfile, pki);
            var server = new VpcdCardServer(card);
            server.Log += Console.WriteLine;
            if (parseResult.GetValue(removeAfter) is { } n)
            {
                if (n < 0)
                {
                    await Console.Error.WriteLineAsync("vpcd: --remove-after must be 0 or more.").ConfigureAwait(false);
                    return 2;
                }

                server.RemoveCardAfterApdus = n;
            }

            var h = parseResult.GetValue(host)!;
            var p = parseResult.GetValue(port);
            var mode = parseResult.GetValue(listen) ? "waiting for vpcd on" : "to vpcd at";
            Console.WriteLine($"vpcd: serving persona {selected.Name} as a '{cardProfile.Name}' card (ATR {Convert.ToHexString(card.PseudoAtr)}) {mode} {h}:{p}; Ctrl+C stops");
            if (parseResult.GetValue(listen))
            {
                await server.ListenAsync(System.Net.IPAddress.Parse(h), p, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await server.RunAsync(h, p, cancellationToken).ConfigureAwait(false);
            }

            Console.WriteLine("vpcd: stopped");
            return 0;
        });
        return command;
    }
}
