namespace ReaderKit.Nfc;

/// <summary>Listing ISO-DEP cards of either technology: Type A beside the Type B of <c>Pn532.cs</c>.</summary>
public sealed partial class Pn532
{
    /// <summary>
    /// One InListPassiveTarget for a Type A card at 106 kbps (<c>4A 01 00</c>, no UID filter). The chip runs anticollision
    /// and, for a card whose SAK has bit 0x20, RATS itself (its automatic-RATS default); the ATS comes back in the entry.
    /// The attempt count is bounded by <see cref="Pn532Options.PassiveActivationRetries"/>.
    /// </summary>
    /// <returns>The activated ISO-DEP card, or null when none answered.</returns>
    /// <exception cref="CardNotSupportedException">A Type A card answered without SAK bit 0x20 (no ISO/IEC 14443-4); it was released.</exception>
    /// <exception cref="Pn532UnsupportedChipException">The firmware reported no Type A support.</exception>
    public async Task<TypeATarget?> ListTypeATargetAsync(CancellationToken cancellationToken = default)
    {
        if (Firmware is { SupportsTypeA: false } firmware)
        {
            throw new Pn532UnsupportedChipException(firmware, "the firmware does not support ISO/IEC 14443 Type A");
        }

        // Tg + ATQA 2 + SAK + len + UID ≤ 10 + ATS ≤ 254 (FSD of the chip); 64 sizes the read of a typical answer.
        var answer = await RunAsync(InListPassiveTargetCode, [0x01, 0x00], 64, _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (answer.Length == 0 || answer[0] == 0)
        {
            return null;
        }

        var target = TypeATarget.Parse(answer.AsSpan(1), out _);
        if (!target.IsIso14443Part4)
        {
            await ReleaseAsync(target.TargetNumber, cancellationToken).ConfigureAwait(false);
            throw new CardNotSupportedException($"A Type A card answered with SAK {target.Sak:X2} (bit 0x20 clear): it is not ISO/IEC 14443-4 and cannot carry APDUs.");
        }

        return target;
    }

    /// <summary>
    /// One polling round for an ISO-DEP card: Type B first (the My Number Card), then Type A (phones), each one
    /// InListPassiveTarget bounded by <see cref="Pn532Options.PassiveActivationRetries"/> and the command deadline. Type B
    /// goes first so the card path costs exactly what it did before; a phone costs one empty Type B attempt more.
    /// </summary>
    /// <returns>The first card activated, or null when neither technology answered.</returns>
    /// <exception cref="CardNotSupportedException">Only a Type A card without ISO/IEC 14443-4 answered.</exception>
    public async Task<IsoDepTarget?> ListIsoDepTargetAsync(CancellationToken cancellationToken = default) =>
        (IsoDepTarget?)await ListTypeBTargetAsync(cancellationToken).ConfigureAwait(false)
        ?? await ListTypeATargetAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Polls <see cref="ListIsoDepTargetAsync"/> every <paramref name="interval"/> until a card is activated or the token
    /// fires (the caller's deadline).
    /// </summary>
    /// <exception cref="CardNotSupportedException">A Type A card without ISO/IEC 14443-4 is in the field.</exception>
    public async Task<IsoDepTarget> WaitForIsoDepTargetAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        while (true)
        {
            var target = await ListIsoDepTargetAsync(cancellationToken).ConfigureAwait(false);
            if (target is not null)
            {
                return target;
            }

            await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
