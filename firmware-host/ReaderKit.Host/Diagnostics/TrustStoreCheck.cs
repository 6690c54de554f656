using System.Globalization;

namespace ReaderKit.Host.Diagnostics;

/// <summary>
/// <c>trust.store</c>: the store has anchors, none is a test anchor (unless simulation is configured), none has
/// expired (an advisory anchor's expiry is a WARN), and none expires within <see cref="WarnBefore"/>.
/// </summary>
public sealed class TrustStoreCheck(ITrustAnchorSource source, TimeProvider time, bool simulation) : IDoctorCheck
{
    /// <summary>How early an upcoming expiry is reported.</summary>
    public static readonly TimeSpan WarnBefore = TimeSpan.FromDays(90);

    public string Name => "trust.store";

    public Task<DoctorLine> RunAsync(CancellationToken cancellationToken)
    {
        const string fix = "Install the current ReaderKit package (it carries the trust store) or point the configuration at an updated trust-store file.";
        var anchors = source.Anchors();
        var now = time.GetUtcNow();
        if (anchors.Count == 0)
        {
            return Task.FromResult(new DoctorLine(Name, DoctorStatus.Fail, "no trust anchors: every card would be refused", fix));
        }

        if (!simulation && anchors.FirstOrDefault(a => a.IsTestAnchor) is { } test)
        {
            return Task.FromResult(new DoctorLine(Name, DoctorStatus.Fail, $"test anchor {test.Name} in a production configuration", "Remove the simulator's trust file from the configuration."));
        }

        var expired = anchors.Where(a => !a.Advisory && a.NotAfter is { } n && n < now).ToList();
        if (expired.Count > 0)
        {
            return Task.FromResult(new DoctorLine(Name, DoctorStatus.Fail,
                "expired: " + string.Join(", ", expired.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Name} ({a.NotAfter:yyyy-MM-dd})"))), fix));
        }

        var soon = anchors.Where(a => a.NotAfter is { } n && n - now < WarnBefore).ToList();
        var advisoryExpired = soon.Where(a => a.Advisory && a.NotAfter < now).ToList();
        if (advisoryExpired.Count > 0)
        {
            return Task.FromResult(new DoctorLine(Name, DoctorStatus.Warn,
                "advisory anchors expired (their checks only warn): " + string.Join(", ", advisoryExpired.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Name} ({a.NotAfter:yyyy-MM-dd})"))), fix));
        }

        return soon.Count > 0
            ? Task.FromResult(new DoctorLine(Name, DoctorStatus.Warn,
                "expiring soon: " + string.Join(", ", soon.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Name} ({a.NotAfter:yyyy-MM-dd})"))), fix))
            : Task.FromResult(new DoctorLine(Name, DoctorStatus.Ok, string.Create(CultureInfo.InvariantCulture, $"{anchors.Count} anchors, none expiring within {WarnBefore.TotalDays:0} days")));
    }
}
