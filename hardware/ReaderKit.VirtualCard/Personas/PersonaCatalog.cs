using ReaderKit.VirtualCard.Crypto;
using ReaderKit.VirtualCard.Profiles;

namespace ReaderKit.VirtualCard.Personas;

/// <summary>
/// The fixed set of personas with stable names (usable on the command line). Numbers that are not meaningful
/// to a test (My Number, serials, security codes, PINs) are derived deterministically from the persona name.
/// </summary>
public static class PersonaCatalog
{
    /// <summary>The persona used when none is named.</summary>
    public const string DefaultName = "yamada-taro";

    private static readonly Lazy<IReadOnlyList<Persona>> AllPersonas = new(Build);

    private static readonly Lazy<IReadOnlyList<Persona>> PhonePersonas = new(BuildPhones);

    /// <summary>Every card persona (plastic My Number Cards), in listing order. Phones are in <see cref="Phones"/>.</summary>
    public static IReadOnlyList<Persona> All => AllPersonas.Value;

    /// <summary>
    /// Smartphones carrying JPKI (<see cref="CardProfile.Phone"/>): no card face, so kept apart from <see cref="All"/>, whose
    /// members every card test reads whole. <see cref="Get"/> and <see cref="TryGet"/> find them too.
    /// </summary>
    public static IReadOnlyList<Persona> Phones => PhonePersonas.Value;

    /// <summary>The default persona (<see cref="DefaultName"/>).</summary>
    public static Persona Default => Get(DefaultName);

    /// <summary>Looks a persona up by name (case-insensitive).</summary>
    /// <exception cref="KeyNotFoundException">No persona has that name.</exception>
    public static Persona Get(string name) =>
        TryGet(name, out var persona) ? persona : throw new KeyNotFoundException($"No persona named '{name}'.");

    /// <summary>Looks a persona up by name (case-insensitive).</summary>
    public static bool TryGet(string name, out Persona persona)
    {
        persona = All.Concat(Phones).FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return persona is not null;
    }

    /// <summary>Computes the 12th (check) digit of a My Number from its first 11 digits.</summary>
    public static char MyNumberCheckDigit(string first11)
    {
        ArgumentNullException.ThrowIfNull(first11);
        var sum = 0;
        for (var n = 1; n <= 11; n++)
        {
            var p = first11[11 - n] - '0';
            var q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }

        var remainder = sum % 11;
        return (char)('0' + (remainder <= 1 ? 0 : 11 - remainder));
    }

    private static Persona Make(
        string name, string description, CardHolder holder, DateOnly issue, string municipality,
        DateOnly? expiry = null, bool pins = true, bool signCertificate = true,
        Dictionary<CredentialSlot, int>? tries = null, CardKeyAlgorithm algorithm = CardKeyAlgorithm.Rsa2048, int photoSize = 11_000,
        CardProfile? profile = null, string? publishedKeyLabel = null, string? chipKeyLabel = null)
    {
        const string Seed = "persona";
        var myNumber11 = DeterministicRandom.Digits(Seed, name + "/my-number", 11);
        var minor = holder.DateOfBirth.AddYears(18) > issue;
        return new Persona
        {
            Name = name,
            Description = description,
            Holder = holder,
            MyNumber = myNumber11 + MyNumberCheckDigit(myNumber11),
            ResidentRecordCode = DeterministicRandom.Digits(Seed, name + "/juki", 11),
            IssueDate = issue,
            ExpiryDate = expiry ?? Persona.NthBirthdayAfter(holder.DateOfBirth, issue, minor ? 5 : 10),
            SecurityCode = DeterministicRandom.Digits(Seed, name + "/security-code", 4),
            MunicipalityCode = municipality,
            CardSerial = DeterministicRandom.Digits(Seed, name + "/serial", 15),
            TextPin = pins ? DeterministicRandom.Digits(Seed, name + "/text-pin", 4) : null,
            AuthPin = pins ? DeterministicRandom.Digits(Seed, name + "/auth-pin", 4) : null,
            JukiPin = pins ? DeterministicRandom.Digits(Seed, name + "/juki-pin", 4) : null,
            CommonPin = pins ? DeterministicRandom.Digits(Seed, name + "/common-pin", 4) : null,
            SignPassword = pins && signCertificate ? "SIGN" + DeterministicRandom.Digits(Seed, name + "/sign", 4) : null,
            TriesRemaining = tries ?? [],
            Algorithm = algorithm,
            PhotoSizeHint = photoSize,
            Profile = profile ?? CardProfile.Current,
            PublishedKeyLabel = publishedKeyLabel,
            ChipKeyLabel = chipKeyLabel,
        };
    }

    private static List<Persona> BuildPhones()
    {
        var holder = new CardHolder("森", "葵", "東京都新宿区西新宿２丁目８番１号", "Tokyo-to", "Shinjuku-ku", new DateOnly(1994, 4, 18), Sex.Female);
        var issue = new DateOnly(2025, 9, 1);
        const string Municipality = "13104";
        return
        [
            Make("phone", "Smartphone JPKI (Type A): JPKI applet only, token JPKIAPGPSETOKEN, auth certificate after the 4-digit auth PIN.",
                holder, issue, Municipality, profile: CardProfile.Phone),
            Make("phone-pin-two-left", "Smartphone JPKI with only 2 auth-PIN tries left (a careful reader refuses to try).",
                holder, issue, Municipality, profile: CardProfile.Phone, tries: new() { [CredentialSlot.JpkiAuthPin] = 2 }),
            Make("phone-pin-blocked", "Smartphone JPKI whose auth PIN is blocked (0 tries).",
                holder, issue, Municipality, profile: CardProfile.Phone, tries: new() { [CredentialSlot.JpkiAuthPin] = 0 }),
            Make("phone-replay", "A 'phone' replaying phone's valid auth certificate without its key: it signs with a different key.",
                holder, issue, Municipality, profile: CardProfile.Phone, publishedKeyLabel: "phone", chipKeyLabel: "phone-replay"),
        ];
    }

    private static List<Persona> Build()
    {
        var yamada = Make(
            "yamada-taro", "Typical adult holder in Tokyo (Showa 60 birth), all PINs set, RSA-2048.",
            new CardHolder("山田", "太郎", "東京都千代田区霞が関２丁目１番２号", "Tokyo-to", "Chiyoda-ku", new DateOnly(1985, 6, 14), Sex.Male),
            new DateOnly(2024, 3, 10), "13101");
        var list = new List<Persona>
        {
            yamada,
            Make(
                "sato-hanako", "Adult holder in Osaka (Heisei 4 birth), female, all PINs set.",
                new CardHolder("佐藤", "花子", "大阪府大阪市北区中之島１丁目３番２０号", "Osaka-fu", "Osaka-shi", new DateOnly(1992, 11, 3), Sex.Female),
                new DateOnly(2023, 9, 1), "27127", photoSize: 13_500),
            Make(
                "showa-64", "Born 1989-01-07, the last day of Showa (era YY 64).",
                new CardHolder("鈴木", "一郎", "愛知県名古屋市中区三の丸３丁目１番１号", "Aichi-ken", "Nagoya-shi", new DateOnly(1989, 1, 7), Sex.Male),
                new DateOnly(2023, 5, 20), "23106", photoSize: 9_500),
            Make(
                "heisei-1", "Born 1989-01-08, the first day of Heisei (era YY 01).",
                new CardHolder("高橋", "美咲", "福岡県福岡市中央区天神１丁目８番１号", "Fukuoka-ken", "Fukuoka-shi", new DateOnly(1989, 1, 8), Sex.Female),
                new DateOnly(2024, 11, 2), "40133", photoSize: 12_000),
            Make(
                "heisei-31", "Child born 2019-04-30, the last day of Heisei (era YY 31); 5-year card.",
                new CardHolder("田中", "陽翔", "北海道札幌市中央区北１条西２丁目１番地", "Hokkaido", "Sapporo-shi", new DateOnly(2019, 4, 30), Sex.Male),
                new DateOnly(2024, 4, 10), "01101", photoSize: 7_500),
            Make(
                "reiwa-1", "Child born 2019-05-01, the first day of Reiwa (era YY 01); 5-year card.",
                new CardHolder("伊藤", "結衣", "宮城県仙台市青葉区国分町３丁目７番１号", "Miyagi-ken", "Sendai-shi", new DateOnly(2019, 5, 1), Sex.Female),
                new DateOnly(2024, 6, 3), "04101", photoSize: 7_800),
            Make(
                "taisho", "Born 1925-03-10 in Taisho 14 (era YY 14).",
                new CardHolder("渡辺", "キヨ", "京都府京都市中京区寺町通御池上る上本能寺前町４８８番地", "Kyoto-fu", "Kyoto-shi", new DateOnly(1925, 3, 10), Sex.Female),
                new DateOnly(2023, 8, 16), "26104", photoSize: 10_500),
            Make(
                "foreign-resident", "Foreign resident: Latin name, Western-calendar DOB in 照合番号B (YY = last 2 digits of the year) [U].",
                new CardHolder("SMITH", "JOHN", "神奈川県横浜市中区日本大通１番地", "Kanagawa-ken", "Yokohama-shi", new DateOnly(1990, 7, 4), Sex.Male, IsForeignResident: true),
                new DateOnly(2024, 1, 15), "14104", expiry: new DateOnly(2028, 7, 4)),
            Make(
                "face-auth-only", "顔認証マイナンバーカード: no PINs set (PIN keys answer 6984), no sign certificate.",
                new CardHolder("小林", "節子", "埼玉県さいたま市浦和区高砂３丁目１５番１号", "Saitama-ken", "Saitama-shi", new DateOnly(1948, 9, 23), Sex.Female),
                new DateOnly(2024, 2, 1), "11107", pins: false),
            Make(
                "expired", "Card expired on 2025-12-01 (and its JPKI certificates on 2020-12-01).",
                new CardHolder("加藤", "健", "兵庫県神戸市中央区加納町６丁目５番１号", "Hyogo-ken", "Kobe-shi", new DateOnly(1975, 12, 1), Sex.Male),
                new DateOnly(2016, 2, 15), "28110"),
            Make(
                "text-pin-blocked", "Text AP 4-digit PIN blocked (0 tries): 照合番号B still opens the card face.",
                new CardHolder("吉田", "直樹", "広島県広島市中区国泰寺町１丁目６番３４号", "Hiroshima-ken", "Hiroshima-shi", new DateOnly(1968, 4, 2), Sex.Male),
                new DateOnly(2023, 1, 20), "34101", tries: new() { [CredentialSlot.TextPin] = 0 }),
            Make(
                "b-blocked", "照合番号B blocked (0 tries) in both the surface and the text AP.",
                new CardHolder("山本", "恵子", "静岡県静岡市葵区追手町５番１号", "Shizuoka-ken", "Shizuoka-shi", new DateOnly(1959, 10, 30), Sex.Female),
                new DateOnly(2023, 7, 1), "22101",
                tries: new() { [CredentialSlot.SurfaceVerificationB] = 0, [CredentialSlot.TextVerificationB] = 0 }),
            Make(
                "b-two-left", "照合番号B with only 2 tries left in both APs (a careful reader refuses to try).",
                new CardHolder("中村", "大輔", "新潟県新潟市中央区学校町通１番町６０２番地１", "Niigata-ken", "Niigata-shi", new DateOnly(1983, 2, 28), Sex.Male),
                new DateOnly(2022, 10, 5), "15103",
                tries: new() { [CredentialSlot.SurfaceVerificationB] = 2, [CredentialSlot.TextVerificationB] = 2 }),
            Make(
                "next-gen", "Next-generation card: ECDSA P-384 / SHA-384 in place of RSA-2048 (layout is an assumption).",
                new CardHolder("松本", "さくら", "千葉県千葉市中央区市場町１番１号", "Chiba-ken", "Chiba-shi", new DateOnly(2001, 8, 15), Sex.Female),
                new DateOnly(2026, 8, 3), "12101", algorithm: CardKeyAlgorithm.EcdsaP384),
            Make(
                "older-card", "Older card model: the 2018-listed ATR (FWI 10), no GET DATA 7F21, JPKIAPICCTOKEN, 5F51 only inside an AP.",
                new CardHolder("井上", "修", "東京都千代田区丸の内１丁目９番１号", "Tokyo-to", "Chiyoda-ku", new DateOnly(1971, 9, 9), Sex.Male),
                new DateOnly(2022, 10, 1), "13101", profile: CardProfile.Older),
            Make(
                "no-extended-length", "A card that neither declares nor honours extended Lc/Le (6700 to every extended APDU) [U].",
                new CardHolder("木村", "真理", "大阪府大阪市北区梅田３丁目１番１号", "Osaka-fu", "Osaka-shi", new DateOnly(1996, 2, 29), Sex.Female),
                new DateOnly(2024, 7, 1), "27127", profile: CardProfile.NoExtendedLength),
        };

        // A clone: yamada-taro's validly signed data set replayed by a chip with a different private key.
        var cloneBase = yamada;
        list.Add(new Persona
        {
            Name = "clone",
            Description = "Clone of yamada-taro: identical validly signed data, but the chip key does not match DF24.",
            Holder = cloneBase.Holder,
            MyNumber = cloneBase.MyNumber,
            ResidentRecordCode = cloneBase.ResidentRecordCode,
            IssueDate = cloneBase.IssueDate,
            ExpiryDate = cloneBase.ExpiryDate,
            SecurityCode = cloneBase.SecurityCode,
            MunicipalityCode = cloneBase.MunicipalityCode,
            CardSerial = cloneBase.CardSerial,
            TextPin = cloneBase.TextPin,
            AuthPin = cloneBase.AuthPin,
            SignPassword = cloneBase.SignPassword,
            JukiPin = cloneBase.JukiPin,
            CommonPin = cloneBase.CommonPin,
            PublishedKeyLabel = cloneBase.Name,
            ChipKeyLabel = "clone",
            PhotoSizeHint = cloneBase.PhotoSizeHint,
        });
        return list;
    }
}
