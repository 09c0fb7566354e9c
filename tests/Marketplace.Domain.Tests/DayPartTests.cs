using Marketplace.Domain.Fairs;
using Xunit;

namespace Marketplace.Domain.Tests;

public class DayPartTests
{
    [Theory]
    [InlineData("00:00", DayPart.Morning)]
    [InlineData("07:00", DayPart.Morning)]
    [InlineData("11:59", DayPart.Morning)]
    [InlineData("12:00", DayPart.Afternoon)]
    [InlineData("17:59", DayPart.Afternoon)]
    [InlineData("18:00", DayPart.Evening)]
    [InlineData("23:30", DayPart.Evening)]
    public void A_fair_day_belongs_to_the_part_of_the_day_its_local_start_falls_in(string start, DayPart expected)
    {
        Assert.Equal(expected, DayParts.Of(TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_ranges_agree_with_the_classification()
    {
        foreach (var part in Enum.GetValues<DayPart>())
        {
            var (from, until) = DayParts.Range(part);
            Assert.Equal(part, DayParts.Of(from));
            if (until is { } end)
            {
                Assert.NotEqual(part, DayParts.Of(end));
                Assert.Equal(part, DayParts.Of(end.AddMinutes(-1)));
            }
        }
    }

    [Theory]
    [InlineData("morning", true, DayPart.Morning)]
    [InlineData("EVENING", true, DayPart.Evening)]
    [InlineData(" afternoon ", true, DayPart.Afternoon)]
    [InlineData("1", false, DayPart.Morning)]
    [InlineData("night", false, DayPart.Morning)]
    [InlineData("", false, DayPart.Morning)]
    [InlineData("morning' OR 1=1--", false, DayPart.Morning)]
    public void Day_parts_are_read_by_name_only(string text, bool ok, DayPart expected)
    {
        Assert.Equal(ok, DayParts.TryParse(text, out var part));
        if (ok)
        {
            Assert.Equal(expected, part);
        }
    }

    [Theory]
    [InlineData("sat", true, DayOfWeek.Saturday)]
    [InlineData("Saturday", true, DayOfWeek.Saturday)]
    [InlineData("6", true, DayOfWeek.Saturday)]
    [InlineData("7", true, DayOfWeek.Sunday)]
    [InlineData("1", true, DayOfWeek.Monday)]
    [InlineData("0", false, DayOfWeek.Sunday)]
    [InlineData("8", false, DayOfWeek.Sunday)]
    [InlineData("sa", false, DayOfWeek.Sunday)]
    [InlineData("-1", false, DayOfWeek.Sunday)]
    [InlineData("sábado", false, DayOfWeek.Sunday)]
    public void Weekdays_are_iso_numbers_or_english_names(string text, bool ok, DayOfWeek expected)
    {
        Assert.Equal(ok, Weekdays.TryParse(text, out var day));
        if (ok)
        {
            Assert.Equal(expected, day);
            Assert.True(Weekdays.TryParse(Weekdays.Code(day), out var again));
            Assert.Equal(day, again);
        }
    }
}
