using System.Collections.Frozen;
using System.Text.Json;
using ReaderKit.Contracts;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Outage;

namespace ReaderKit.Host.Messages;

/// <summary>
/// Prompts and result messages in Japanese and English, from the embedded <c>messages.json</c> (data, not code):
/// sections <c>error</c> (keyed by <see cref="ErrorCode"/> name), <c>prompt</c>, <c>progress</c>, <c>verdict</c>,
/// <c>identity</c> and <c>mode</c>, each entry <c>{"ja": "…", "en": "…"}</c>. A missing key falls back to the key itself
/// in brackets so a gap is visible, and the catalogue test fails on any gap.
/// </summary>
public sealed class MessageCatalogue
{
    private readonly FrozenDictionary<string, (string Ja, string En)> _entries;

    private MessageCatalogue(FrozenDictionary<string, (string, string)> entries) => _entries = entries;

    /// <summary>Every key the catalogue holds, as <c>section.Name</c>.</summary>
    public IEnumerable<string> Keys => _entries.Keys;

    /// <summary>Loads the embedded catalogue.</summary>
    public static MessageCatalogue LoadEmbedded()
    {
        using var stream = typeof(MessageCatalogue).Assembly.GetManifestResourceStream("ReaderKit.Host.Messages.messages.json")
            ?? throw new InvalidOperationException("The embedded message catalogue is missing from the build.");
        return Load(stream);
    }

    /// <summary>Loads a catalogue from JSON.</summary>
    public static MessageCatalogue Load(Stream json)
    {
        using var doc = JsonDocument.Parse(json);
        var entries = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var section in doc.RootElement.EnumerateObject())
        {
            foreach (var entry in section.Value.EnumerateObject())
            {
                entries[section.Name + "." + entry.Name] = (Text(entry.Value, "ja"), Text(entry.Value, "en"));
            }
        }

        return new MessageCatalogue(entries.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>Parses <c>ja</c>/<c>en</c>.</summary>
    public static MessageLanguage ParseLanguage(string code) => code switch
    {
        "ja" => MessageLanguage.Japanese,
        "en" => MessageLanguage.English,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Languages are ja and en."),
    };

    /// <summary>True when <paramref name="key"/> has non-empty text in both languages.</summary>
    public bool HasBoth(string key) => _entries.TryGetValue(key, out var e) && e.Ja.Length > 0 && e.En.Length > 0;

    /// <summary>The text for <c>section.Name</c>.</summary>
    public string Get(string key, MessageLanguage language) =>
        _entries.TryGetValue(key, out var e) ? (language == MessageLanguage.Japanese ? e.Ja : e.En) : $"[{key}]";

    public string Error(ErrorCode code, MessageLanguage language) => Get("error." + ErrorCodes.NameOf(code), language);

    public string Prompt(PromptKind prompt, MessageLanguage language) => Get("prompt." + prompt, language);

    public string Progress(ProgressStep step, MessageLanguage language) => Get("progress." + step, language);

    public string Verdict(VerdictKind verdict, MessageLanguage language) => Get("verdict." + verdict, language);

    public string Identity(IdentityMethod method, MessageLanguage language) => Get("identity." + method, language);

    public string Mode(OperatingMode mode, MessageLanguage language) => Get("mode." + mode, language);

    private static string Text(JsonElement entry, string lang) =>
        entry.TryGetProperty(lang, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
}
