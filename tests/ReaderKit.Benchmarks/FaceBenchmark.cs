using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ReaderKit.Face.Alignment;
using ReaderKit.Face.Detection;
using ReaderKit.Face.Embedding;
using ReaderKit.Face.Imaging;
using ReaderKit.Face.Landmarks;
using ReaderKit.Face.Matching;
using ReaderKit.Face.Models;
using ReaderKit.Face.Quality;

namespace ReaderKit.Benchmarks;

/// <summary>
/// <c>face [--runs N] [--warmup N] [--json] [--models M[+M]]</c>: per-stage latency (decode, detect, align, then crop + embed
/// per descriptor model of the configuration — default: the built-in <see cref="FaceMatchOptions.Descriptors"/>; one intra-op
/// thread) and allocations for one 640×480 JPEG frame made from the npm face-api demo photo sample3.jpg, plus the JPEG 2000
/// chip decode.
/// </summary>
internal sealed class FaceBenchmark : IBenchmarkWorkload
{
    public string Name => "face";

    public Task<int> RunAsync(string[] args)
    {
        var runs = IntArg(args, "--runs", 50);
        var warmup = IntArg(args, "--warmup", 5);
        var json = args.Contains("--json");
        FaceModelFiles models;
        string samples;
        try
        {
            models = FaceModelFiles.Locate();
            samples = SamplesDirectory();
        }
        catch (Exception e) when (e is FaceModelsMissingException or DirectoryNotFoundException)
        {
            Console.Error.WriteLine("face: " + e.Message);
            return Task.FromResult(3);
        }

        IReadOnlyList<DescriptorModel> descriptors;
        try
        {
            var i = Array.IndexOf(args, "--models");
            descriptors = i >= 0 && i + 1 < args.Length
                ? args[i + 1].Split('+').Select(DescriptorModel.Find).ToList()
                : new FaceMatchOptions().Descriptors;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("face: " + e.Message);
            return Task.FromResult(2);
        }

        using var sessionOptions = FaceAnalyzer.CreateSessionOptions(1);
        using var detector = new BlazeFaceDetector(models.Detector, sessionOptions);
        var embedders = descriptors.Select(d => new FaceEmbedder(Path.Combine(models.Directory, d.FileName), sessionOptions, d)).ToList();
        using var landmarker = new FaceMeshLandmarker(models.FaceMesh, sessionOptions);
        var (frameJpeg, chipJp2) = MakeInputs(detector, Path.Combine(samples, "sample3.jpg"));

        string[] stages =
        [
            "decode (JPEG 640x480)", "detect (letterbox + BlazeFace + NMS)", "align (dlib chip 150, quality gates)",
            .. descriptors.Select(d => d.Crop == DescriptorCrop.DlibChip ? $"embed {d.Name} ({d.FileName})" : $"crop + embed {d.Name} ({d.FileName}, {d.Crop} {d.InputSize})"),
        ];
        var samplesMs = stages.ToDictionary(s => s, _ => new List<double>());
        var allocated = stages.ToDictionary(s => s, _ => 0L);
        var totals = new List<double>();
        var chipMs = new List<double>();
        var meshMs = new List<double>();
        var meshBytes = 0L;
        var letterboxMs = new List<double>();
        for (var i = 0; i < warmup + runs; i++)
        {
            var measure = i >= warmup;
            var t0 = Stopwatch.GetTimestamp();
            var a0 = GC.GetAllocatedBytesForCurrentThread();
            var image = FaceImageDecoder.Decode(frameJpeg);
            var t1 = Stopwatch.GetTimestamp();
            var a1 = GC.GetAllocatedBytesForCurrentThread();
            var faces = detector.Detect(image);
            var t2 = Stopwatch.GetTimestamp();
            var a2 = GC.GetAllocatedBytesForCurrentThread();
            var face = FaceQualityAssessor.Primary(faces) ?? throw new InvalidOperationException("benchmark frame has no face");
            var aligned = FaceAligner.Align(image, face, ChipTemplate.Dlib);
            var t3 = Stopwatch.GetTimestamp();
            var a3 = GC.GetAllocatedBytesForCurrentThread();
            var embedTimes = new (long Start, long End, long Bytes)[embedders.Count];
            for (var e = 0; e < embedders.Count; e++)
            {
                var s0 = Stopwatch.GetTimestamp();
                var b0 = GC.GetAllocatedBytesForCurrentThread();
                var model = embedders[e].Model;
                var input = model.Crop == DescriptorCrop.DlibChip && model.InputSize == ChipTemplate.Dlib.Size ? aligned.Chip : DescriptorAligner.Align(image, face, model).Chip;
                _ = embedders[e].Embed(input);
                embedTimes[e] = (s0, Stopwatch.GetTimestamp(), GC.GetAllocatedBytesForCurrentThread() - b0);
            }

            var t4 = Stopwatch.GetTimestamp();
            var c0 = Stopwatch.GetTimestamp();
            _ = ChipPhotoDecoder.DecodeVerified(chipJp2);
            var c1 = Stopwatch.GetTimestamp();
            var m0 = GC.GetAllocatedBytesForCurrentThread();
            _ = landmarker.Estimate(image, face);
            var m1 = Stopwatch.GetTimestamp();
            _ = detector.Preprocess(image);
            var l1 = Stopwatch.GetTimestamp();
            if (!measure)
            {
                continue;
            }

            Record(stages[0], t0, t1, a1 - a0);
            Record(stages[1], t1, t2, a2 - a1);
            Record(stages[2], t2, t3, a3 - a2);
            for (var e = 0; e < embedders.Count; e++)
            {
                Record(stages[3 + e], embedTimes[e].Start, embedTimes[e].End, embedTimes[e].Bytes);
            }
            totals.Add(Stopwatch.GetElapsedTime(t0, t4).TotalMilliseconds);
            chipMs.Add(Stopwatch.GetElapsedTime(c0, c1).TotalMilliseconds);
            meshMs.Add(Stopwatch.GetElapsedTime(c1, m1).TotalMilliseconds);
            meshBytes += GC.GetAllocatedBytesForCurrentThread() - m0;
            letterboxMs.Add(Stopwatch.GetElapsedTime(m1, l1).TotalMilliseconds);
        }

        void Record(string name, long from, long to, long bytes)
        {
            samplesMs[name].Add(Stopwatch.GetElapsedTime(from, to).TotalMilliseconds);
            allocated[name] += bytes;
        }

        using var process = Process.GetCurrentProcess();
        var peakMb = process.PeakWorkingSet64 / (1024.0 * 1024);
        var rows = stages.Select(s => (Name: s, Stats: Summarise(samplesMs[s]), AllocKb: allocated[s] / (double)runs / 1024)).ToList();
        rows.Add(("total decode+detect+align+embed", Summarise(totals), rows.Sum(r => r.AllocKb)));
        rows.Add(("of which detect letterbox (640x480 -> 256x192 tensor; repeated alone, not in the total)", Summarise(letterboxMs), 0));
        rows.Add(("landmarks (FaceMesh crop + model; active challenge only, not in the total)", Summarise(meshMs), meshBytes / (double)runs / 1024));
        var chip = Summarise(chipMs);
        if (json)
        {
            var doc = new Dictionary<string, object>
            {
                ["runs"] = runs,
                ["intra_op_threads"] = 1,
                ["frame"] = "640x480 JPEG",
                ["models"] = descriptors.Select(d => d.Name).ToList(),
                ["stages"] = rows.Select(r => new Dictionary<string, object>
                {
                    ["stage"] = r.Name,
                    ["median_ms"] = r.Stats.Median,
                    ["p90_ms"] = r.Stats.P90,
                    ["min_ms"] = r.Stats.Min,
                    ["allocated_kb"] = r.AllocKb,
                }).ToList(),
                ["chip_jp2_decode_median_ms"] = chip.Median,
                ["peak_working_set_mb"] = peakMb,
            };
            Console.WriteLine(JsonSerializer.Serialize(doc));
        }
        else
        {
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c, $"face pipeline, 640x480 JPEG frame, 1 intra-op thread, {runs} runs after {warmup} warm-ups ({Environment.ProcessorCount} CPUs)"));
            Console.WriteLine("| stage | median ms | p90 ms | min ms | allocated KB/run |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            foreach (var r in rows)
            {
                Console.WriteLine(string.Create(c, $"| {r.Name} | {r.Stats.Median:0.00} | {r.Stats.P90:0.00} | {r.Stats.Min:0.00} | {r.AllocKb:0} |"));
            }

            Console.WriteLine(string.Create(c, $"chip photo JPEG 2000 decode ({chipJp2.Length} B, 240x320 grey): median {chip.Median:0.00} ms"));
            Console.WriteLine(string.Create(c, $"peak working set {peakMb:0} MB (models loaded: detector, FaceMesh, {string.Join(" + ", descriptors.Select(d => d.Name))})"));
        }

        embedders.ForEach(e => e.Dispose());
        return Task.FromResult(0);
    }

    private static (double Median, double P90, double Min) Summarise(List<double> xs)
    {
        var s = xs.Order().ToArray();
        return (s[s.Length / 2], s[(int)Math.Min(s.Length - 1, Math.Ceiling(0.9 * s.Length) - 1)], s[0]);
    }

    /// <summary>A 640×480 JPEG around the first face of the sample and a chip-like JP2 portrait of it.</summary>
    private static (byte[] Frame, byte[] Chip) MakeInputs(BlazeFaceDetector detector, string samplePath)
    {
        var sample = FaceImageDecoder.Decode(File.ReadAllBytes(samplePath));
        var face = FaceQualityAssessor.Primary(detector.Detect(sample)) ?? throw new InvalidOperationException("no face in " + samplePath);

        // The face fills about a third of the frame width, like a person at arm's length from a kiosk camera.
        var scale = face.Box.Width * 3 / 640;
        var c = face.Box.Center;
        var frame = FaceAligner.Warp(sample, new SimilarityTransform(scale, 0, c.X - (320 * scale), c.Y - (240 * scale)), 640).Crop(new PixelRect(0, 0, 640, 480));
        // The card's photo: 240x320 portrait, greyscale JPEG 2000 (face box x2 wide, face centre at 45 % of the height).
        var portraitScale = face.Box.Width * 2 / 240;
        var portrait = FaceAligner.Warp(sample, new SimilarityTransform(portraitScale, 0, c.X - (120 * portraitScale), c.Y - (144 * portraitScale)), 320)
            .Crop(new PixelRect(0, 0, 240, 320));
        return (FaceImageDecoder.EncodeJpeg(frame, 85), ChipPhotoDecoder.EncodeLikeChip(portrait));
    }

    private static string SamplesDirectory()
    {
        var overridden = Environment.GetEnvironmentVariable("READERKIT_FACE_SAMPLES");
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return overridden;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "firmware-host", "ReaderKit.Face.Models", "npm", "node_modules", "@vladmandic", "face-api", "demo");
            if (File.Exists(Path.Combine(candidate, "sample3.jpg")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("face-api demo photos not found: run `npm ci` in firmware-host/ReaderKit.Face.Models/npm or set READERKIT_FACE_SAMPLES");
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
    }
}
