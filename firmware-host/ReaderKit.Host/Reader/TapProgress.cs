using ReaderKit.Host.Messages;

namespace ReaderKit.Host.Reader;

/// <summary>One progress report from the tap library: a finished step, or a prompt for the holder (face challenge).</summary>
/// <param name="Step">The step reached.</param>
/// <param name="Prompt">A prompt to show now, or null.</param>
/// <param name="PromptIndex">For a face-challenge prompt: its position in the challenge (0-based), when the tap library knows it.</param>
/// <param name="PromptCount">For a face-challenge prompt: how many prompts the challenge has, when known in advance.</param>
public sealed record TapProgress(ProgressStep Step, PromptKind? Prompt = null, int? PromptIndex = null, int? PromptCount = null);
