namespace ReaderKit.Emulation.Pn532;

/// <summary>
/// The PN532's RF field: at most one card (Type B, or Type A with <see cref="ITypeACard"/>) is in range. Inserting or removing a card is what a person
/// does with the physical card; the emulator answers exactly as the chip would (0x01 timeouts, 0x2B on reselect).
/// Thread-safe.
/// </summary>
public sealed class RfField
{
    private readonly Lock _gate = new();
    private IIsoDepCard? _card;
    private long _generation;

    /// <summary>Raised after a card was inserted or removed (the emulator completes a waiting poll).</summary>
    public event EventHandler? Changed;

    /// <summary>The card currently in the field, or null.</summary>
    public IIsoDepCard? Card
    {
        get
        {
            lock (_gate)
            {
                return _card;
            }
        }
    }

    /// <summary>True while a card is in the field.</summary>
    public bool IsCardPresent => Card is not null;

    /// <summary>Increments on every insert/remove; lets the emulator notice that "its" card left, even if it came back.</summary>
    public long Generation
    {
        get
        {
            lock (_gate)
            {
                return _generation;
            }
        }
    }

    /// <summary>Puts <paramref name="card"/> in the field (a card already there is removed first and loses power).</summary>
    public void Insert(IIsoDepCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        IIsoDepCard? old;
        lock (_gate)
        {
            old = _card;
            _card = card;
            _generation++;
        }

        if (old is not null && !ReferenceEquals(old, card))
        {
            old.FieldOff();
        }

        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Takes the card out of the field; it loses power (<see cref="IIsoDepCard.FieldOff"/>). No-op when empty.</summary>
    public void Remove()
    {
        IIsoDepCard? old;
        lock (_gate)
        {
            old = _card;
            if (old is null)
            {
                return;
            }

            _card = null;
            _generation++;
        }

        old.FieldOff();
        Changed?.Invoke(this, EventArgs.Empty);
    }
}
