using Marketplace.Domain.Venues;
using Xunit;

namespace Marketplace.Domain.Tests.Venues;

public class StallLayoutTests
{
    [Fact]
    public void A_bulk_range_numbers_the_stalls_with_two_digits_at_least()
    {
        var codes = StallLayout.Codes("A-", 1, 20);

        Assert.Equal(20, codes.Count);
        Assert.Equal("A-01", codes[0]);
        Assert.Equal("A-09", codes[8]);
        Assert.Equal("A-20", codes[^1]);
    }

    [Fact]
    public void A_range_past_99_pads_to_the_width_of_its_largest_number()
    {
        var codes = StallLayout.Codes("Box ", 98, 101);

        Assert.Equal(["Box 098", "Box 099", "Box 100", "Box 101"], codes);
    }

    [Fact]
    public void A_backwards_or_too_long_range_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StallLayout.Codes("A-", 5, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => StallLayout.Codes("A-", 1, StallLayout.MaxBulk + 1));
        Assert.Throws<ArgumentException>(() => StallLayout.Codes(new string('x', 19), 1, 2));
    }

    [Fact]
    public void Clashing_codes_are_found_whatever_their_case()
    {
        var clashes = StallLayout.Clashes(["A-01", "A-02", "A-03"], ["a-02", "B-01"]);

        Assert.Equal(["A-02"], clashes);
    }

    [Theory]
    [InlineData(0, 0, StallRemoval.Deletable)]
    [InlineData(1, 0, StallRemoval.HasComingBookings)]
    [InlineData(2, 5, StallRemoval.HasComingBookings)]
    [InlineData(0, 3, StallRemoval.HasHistory)]
    public void Only_a_stall_nobody_booked_can_be_deleted(int coming, int other, StallRemoval expected)
    {
        Assert.Equal(expected, StallLayout.RemovalOf(coming, other));
    }
}
