using System.Diagnostics;
using System.Globalization;
using ReaderKit.Protocol.Messages;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ReaderKit.Cli.Reporting;

/// <summary>
/// The demo's per-step progress for one tap at a time. On an interactive terminal it is a live Spectre.Console table of
/// the tap's steps (card present, credential checked, card face read, signatures checked, chip challenge, face captured,
/// face matched, result), each ticked with the time since the tap started as the host reports it, and the latest face
/// prompt under it; the verdict line is coloured. Anywhere else (output redirected to a file or a pipe, a test's
/// writer) it writes one plain line per step and per prompt (<c>  … step</c>, <c>  prompt: kind</c>) with no escape
/// codes, so logs and scripts read it as before. With <c>--json</c> nothing is written here at all.
/// </summary>
internal sealed class DemoProgress
{
    /// <summary>The tap's steps in order, with the words the live table shows.</summary>
    public static readonly IReadOnlyList<(string Step, string Label)> Steps =
    [
        (TapSteps.CardPresent, "card present"),
        (TapSteps.CredentialChecked, "credential checked (照合番号B)"),
        (TapSteps.CardFaceRead, "card face read"),
        (TapSteps.SignaturesChecked, "signatures checked"),
        (TapSteps.ChipChallenge, "chip challenge"),
        (TapSteps.FaceCaptured, "face captured"),
        (TapSteps.FaceMatched, "face matched"),
        (TapSteps.Result, "result"),
    ];

    private readonly TextWriter _output;
    private readonly IAnsiConsole? _console;
    private readonly bool _silent;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TimeSpan> _done = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = new();
    private string? _prompt;
    private LiveDisplayContext? _live;

    private DemoProgress(TextWriter output, IAnsiConsole? console, bool silent)
    {
        _output = output;
        _console = console;
        _silent = silent;
    }

    /// <summary>True when progress is drawn live on a terminal.</summary>
    public bool IsLive => _console is not null;

    /// <summary>
    /// Progress for <paramref name="output"/>: live only when it is this process's standard output, that is not redirected,
    /// and Spectre.Console finds the terminal interactive; silent with <paramref name="json"/>; plain lines otherwise.
    /// </summary>
    public static DemoProgress Create(TextWriter output, bool json)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (json)
        {
            return new DemoProgress(output, null, silent: true);
        }

        var live = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive
            && AnsiConsole.Profile.Capabilities.Ansi;
        return new DemoProgress(output, live ? AnsiConsole.Console : null, silent: false);
    }

    /// <summary>Live progress on <paramref name="console"/> (a terminal; tests pass a console over a writer).</summary>
    internal static DemoProgress Live(IAnsiConsole console) => new(TextWriter.Null, console, silent: false);

    /// <summary>Plain progress on <paramref name="output"/> (what a redirected run writes).</summary>
    public static DemoProgress Plain(TextWriter output) => new(output, null, silent: false);

    /// <summary>Runs one tap with its progress shown (live while the tap runs, on a terminal).</summary>
    public async Task<T> TapAsync<T>(Func<Task<T>> tap)
    {
        ArgumentNullException.ThrowIfNull(tap);
        lock (_gate)
        {
            _done.Clear();
            _prompt = null;
            _clock.Restart();
        }

        if (_console is null)
        {
            return await tap().ConfigureAwait(false);
        }

        var result = default(T)!;
        await _console.Live(Render()).StartAsync(async ctx =>
        {
            lock (_gate)
            {
                _live = ctx;
            }

            try
            {
                result = await tap().ConfigureAwait(false);
            }
            finally
            {
                lock (_gate)
                {
                    _live = null;
                    ctx.UpdateTarget(Render());
                }

                ctx.Refresh();
            }
        }).ConfigureAwait(false);
        return result;
    }

    /// <summary>The host reported <paramref name="step"/> (a <see cref="TapSteps"/> name).</summary>
    public void Step(string step)
    {
        if (_silent)
        {
            return;
        }

        if (_console is null)
        {
            _output.WriteLine($"  … {step}");
            return;
        }

        lock (_gate)
        {
            _done.TryAdd(step, _clock.Elapsed);
            _live?.UpdateTarget(Render());
        }
    }

    /// <summary>The host showed the holder a face prompt (a <see cref="FacePromptKinds"/> name).</summary>
    public void Prompt(string kind)
    {
        if (_silent)
        {
            return;
        }

        if (_console is null)
        {
            _output.WriteLine($"  prompt: {kind}");
            return;
        }

        lock (_gate)
        {
            _prompt = kind;
            _live?.UpdateTarget(Render());
        }
    }

    /// <summary>The verdict line: green when it is the expected verdict, red when not (plain text when not live).</summary>
    public void Verdict(string line, bool asExpected)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (_silent)
        {
            return;
        }

        if (_console is null)
        {
            _output.WriteLine(line);
            return;
        }

        _console.MarkupLine($"[{(asExpected ? "green" : "red")}]{Markup.Escape(line)}[/]");
    }

    /// <summary>The steps ticked so far, in the order of <see cref="Steps"/>.</summary>
    public IReadOnlyList<string> Done
    {
        get
        {
            lock (_gate)
            {
                return [.. Steps.Select(s => s.Step).Where(_done.ContainsKey)];
            }
        }
    }

    /// <summary>The live table (call under the gate).</summary>
    internal IRenderable Render()
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("").AddColumn("step").AddColumn(new TableColumn("at").RightAligned());
        var current = true;
        foreach (var (step, label) in Steps)
        {
            if (_done.TryGetValue(step, out var at))
            {
                table.AddRow(new Markup("[green]✓[/]"), new Text(label), new Text(at.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture)));
            }
            else
            {
                table.AddRow(new Markup(current ? "[yellow]…[/]" : "[grey]·[/]"), new Text(label, new Style(current ? Color.Default : Color.Grey)), new Text(""));
                current = false;
            }
        }

        if (_prompt is not null)
        {
            table.Caption($"face prompt: {Markup.Escape(_prompt)}");
        }

        return table;
    }
}
