using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReaderKit.Face.Models.Onnx;

namespace ReaderKit.Face.Models;

/// <summary>Outcome of one model in a build.</summary>
public sealed record BuiltModel(string FileName, string Sha256, long Bytes, double ConversionMilliseconds, bool Skipped);
