using ReaderKit.Tests.Shared.Pcsc;

namespace ReaderKit.Pcsc.Tests;

/// <summary>A test that needs pcscd + vsmartcard-vpcd: skipped only when those binaries are not installed (CI installs them).</summary>
public sealed class PcscdFactAttribute : FactAttribute
{
    public PcscdFactAttribute()
    {
        if (!PcscdSandbox.ToolsInstalled)
        {
            Skip = "pcscd, unshare or vsmartcard-vpcd's driver is not installed (.ci/setup-deps.sh installs them).";
        }
    }
}

/// <summary>The theory form of <see cref="PcscdFactAttribute"/>.</summary>
public sealed class PcscdTheoryAttribute : TheoryAttribute
{
    public PcscdTheoryAttribute()
    {
        if (!PcscdSandbox.ToolsInstalled)
        {
            Skip = "pcscd, unshare or vsmartcard-vpcd's driver is not installed (.ci/setup-deps.sh installs them).";
        }
    }
}
