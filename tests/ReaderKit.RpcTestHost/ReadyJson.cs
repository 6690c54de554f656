using System.Text.Json.Serialization;

namespace ReaderKit.RpcTestHost;

/// <summary>Source-generated JSON for the ready line.</summary>
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string))]
internal sealed partial class ReadyJson : JsonSerializerContext;
