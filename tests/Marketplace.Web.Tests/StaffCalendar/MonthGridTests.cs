using Marketplace.Web.Pages.Staff.Calendar;

namespace Marketplace.Web.Tests.StaffCalendar;

public class MonthGridTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    [Fact]
    public void A_month_is_drawn_in_whole_weeks_from_monday_to_sunday()
    {
        Assert.True(MonthGrid.TryParse("2026-12", Today, out var grid));

        Assert.Equal(new DateOnly(2026, 11, 30), grid.Start);
        Assert.Equal(new DateOnly(2027, 1, 3), grid.End);
        Assert.Equal(35, grid.Cells.Count);
        Assert.True(grid.Contains(new DateOnly(2026, 12, 31)));
        Assert.False(grid.Contains(new DateOnly(2026, 11, 30)));
        Assert.Equal(("2026-11", "2027-01"), (grid.Previous, grid.Next));
    }

    [Fact]
    public void A_february_starting_on_monday_takes_exactly_four_weeks()
    {
        Assert.True(MonthGrid.TryParse("2027-02", Today, out var grid));

        Assert.Equal(28, grid.Cells.Count);
        Assert.Equal(new DateOnly(2027, 2, 1), grid.Start);
    }

    [Theory]
    [InlineData("diciembre")]
    [InlineData("2026-13")]
    [InlineData("1999-01")]
    public void A_month_that_cannot_be_read_falls_back_to_the_current_one(string month)
    {
        Assert.False(MonthGrid.TryParse(month, Today, out var grid));

        Assert.Equal(new DateOnly(2026, 12, 1), grid.First);
    }

    [Fact]
    public void No_month_means_the_current_one()
    {
        Assert.True(MonthGrid.TryParse(null, Today, out var grid));

        Assert.Equal(new DateOnly(2026, 12, 1), grid.First);
    }
}
