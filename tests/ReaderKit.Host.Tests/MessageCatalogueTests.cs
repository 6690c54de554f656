using ReaderKit.Contracts;
using ReaderKit.Host.Journal;
using ReaderKit.Host.Messages;
using ReaderKit.Host.Outage;

namespace ReaderKit.Host.Tests;

public sealed class MessageCatalogueTests
{
    private static readonly MessageCatalogue Catalogue = MessageCatalogue.LoadEmbedded();

    public static TheoryData<string> AllKeys()
    {
        var data = new TheoryData<string>();
        foreach (var info in ErrorCodes.All)
        {
            data.Add("error." + info.Name);
        }

        foreach (var p in Enum.GetNames<PromptKind>())
        {
            data.Add("prompt." + p);
        }

        foreach (var s in Enum.GetNames<ProgressStep>())
        {
            data.Add("progress." + s);
        }

        foreach (var v in Enum.GetNames<VerdictKind>())
        {
            data.Add("verdict." + v);
        }

        foreach (var i in Enum.GetNames<IdentityMethod>())
        {
            data.Add("identity." + i);
        }

        foreach (var m in Enum.GetNames<OperatingMode>())
        {
            data.Add("mode." + m);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllKeys))]
    public void Every_code_prompt_step_verdict_identity_and_mode_has_japanese_and_english(string key)
    {
        Assert.True(Catalogue.HasBoth(key), $"{key} lacks a Japanese or English text");
        Assert.NotEqual(Catalogue.Get(key, MessageLanguage.Japanese), Catalogue.Get(key, MessageLanguage.English));
    }

    [Fact]
    public void Japanese_texts_are_japanese()
    {
        foreach (var key in Catalogue.Keys)
        {
            var ja = Catalogue.Get(key, MessageLanguage.Japanese);
            Assert.True(ja.Any(c => c >= '\u3040'), $"{key}: '{ja}' has no kana or kanji");
        }
    }

    [Fact]
    public void The_catalogue_has_no_stale_keys()
    {
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in AllKeys())
        {
            expected.Add(row);
        }

        Assert.DoesNotContain(Catalogue.Keys, k => !expected.Contains(k));
    }

    [Fact]
    public void Typed_lookups_use_the_stable_names()
    {
        Assert.Equal("カードの有効期限が切れています。", Catalogue.Error(ErrorCode.Expired, MessageLanguage.Japanese));
        Assert.Equal("Confirmed visually by staff", Catalogue.Identity(IdentityMethod.ConfirmedVisuallyByStaff, MessageLanguage.English));
        Assert.Equal("[error.E9999]", Catalogue.Error((ErrorCode)9999, MessageLanguage.English));
        Assert.Equal(MessageLanguage.Japanese, MessageCatalogue.ParseLanguage("ja"));
    }
}
