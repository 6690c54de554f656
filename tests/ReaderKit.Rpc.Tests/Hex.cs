namespace ReaderKit.Rpc.Tests;

internal static class Hex
{
    public static byte[] Decode(string spaced) => Convert.FromHexString(spaced.Replace(" ", string.Empty, StringComparison.Ordinal));
}
