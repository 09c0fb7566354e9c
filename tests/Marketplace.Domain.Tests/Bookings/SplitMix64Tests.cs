using Marketplace.Domain.Bookings;
using Xunit;

namespace Marketplace.Domain.Tests.Bookings;

public class SplitMix64Tests
{
    [Fact]
    public void It_produces_the_reference_sequence()
    {
        // The first outputs of Vigna's reference splitmix64.c seeded with 1234567.
        var generator = new SplitMix64(1234567);

        Assert.Equal(6457827717110365317UL, generator.NextUInt64());
        Assert.Equal(3203168211198807973UL, generator.NextUInt64());
        Assert.Equal(9817491932198370423UL, generator.NextUInt64());
        Assert.Equal(4593380528125082431UL, generator.NextUInt64());
        Assert.Equal(16408922859458223821UL, generator.NextUInt64());
    }

    [Fact]
    public void A_stored_int_seed_is_sign_extended()
    {
        Assert.Equal(16294208416658607535UL, SplitMix64.FromSeed(0).NextUInt64());
        Assert.Equal(16490336266968443936UL, SplitMix64.FromSeed(-1).NextUInt64());
    }

    [Fact]
    public void Bounded_integers_stay_in_range_and_cover_it()
    {
        var generator = new SplitMix64(3);
        var seen = new HashSet<int>();
        for (var i = 0; i < 1000; i++)
        {
            var value = generator.NextInt(7);
            Assert.InRange(value, 0, 6);
            seen.Add(value);
        }

        Assert.Equal(7, seen.Count);
    }

    [Fact]
    public void Shuffling_keeps_every_item_once()
    {
        var shuffled = new SplitMix64(11).Shuffle(Enumerable.Range(1, 50));

        Assert.Equal(Enumerable.Range(1, 50), shuffled.Order());
        Assert.NotEqual(Enumerable.Range(1, 50), shuffled);
    }
}
