using ReaderKit.Contracts;
using ReaderKit.Protocol.Messages;

namespace ReaderKit.Protocol.Tests;

/// <summary>The <c>liveFrame</c> personal field: a known name, carried as <c>bin</c>, stripped unless asked for.</summary>
public sealed class LiveFrameFieldTests
{
    [Fact]
    public void The_live_frame_round_trips_and_is_kept_only_when_asked_for()
    {
        Assert.Contains(PersonalField.LiveFrame, PersonalField.All);
        var result = new TapResult("tap-1", VerdictKind.Accepted) { Fields = new PersonalFields { Photo = [0xff, 0x4f], LiveFrame = [0xff, 0xd8, 0xff] } };

        var back = ProtocolSerializer.Deserialize<TapResult>(ProtocolSerializer.Serialize(result));
        Assert.Equal([0xff, 0xd8, 0xff], back.Fields!.LiveFrame);
        Assert.Equal([0xff, 0x4f], back.Fields.Photo);

        Assert.Null(result.Fields.Restrict([PersonalField.Photo])!.LiveFrame);
        Assert.Null(result.Fields.Restrict([PersonalField.LiveFrame])!.Photo);
        Assert.False(new PersonalFields { LiveFrame = [1] }.IsEmpty);
        Assert.Null(new PersonalFields { LiveFrame = [1] }.Restrict([PersonalField.Name]));
    }
}
