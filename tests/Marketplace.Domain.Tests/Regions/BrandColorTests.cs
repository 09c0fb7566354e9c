using Marketplace.Domain.Regions;
using Xunit;

namespace Marketplace.Domain.Tests.Regions;

public class BrandColorTests
{
    [Theory]
    [InlineData("#1b5e20", 27, 94, 32)]
    [InlineData("#FFFFFF", 255, 255, 255)]
    [InlineData("#0d47a1", 13, 71, 161)]
    public void A_hash_and_six_hex_digits_is_a_colour(string value, int r, int g, int b)
    {
        Assert.True(BrandColor.TryParse(value, out var color));
        Assert.Equal(new BrandColor((byte)r, (byte)g, (byte)b), color);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1b5e20")]
    [InlineData("#1b5e2")]
    [InlineData("#1b5e200")]
    [InlineData("#gggggg")]
    [InlineData("#-1b5e2")]
    [InlineData("red")]
    public void Anything_else_is_not(string? value)
    {
        Assert.False(BrandColor.TryParse(value, out _));
    }

    [Fact]
    public void Black_on_white_has_the_maximum_contrast_of_21()
    {
        Assert.Equal(21, BrandColor.Parse("#000000").ContrastWith(BrandColor.Parse("#ffffff")), 3);
    }

    [Theory]
    [InlineData("#1b5e20")]
    [InlineData("#0d47a1")]
    [InlineData("#767676")]
    public void White_text_goes_on_colours_dark_enough_for_it(string background)
    {
        Assert.Equal(BrandColor.White, BrandColor.Parse(background).TextColor);
    }

    [Theory]
    [InlineData("#ffeb3b")]
    [InlineData("#4caf50")]
    [InlineData("#777777")]
    public void Dark_text_goes_on_light_colours(string background)
    {
        var color = BrandColor.Parse(background);
        Assert.Equal(BrandColor.Dark, color.TextColor);
        Assert.True(color.ContrastWith(BrandColor.Parse(BrandColor.Dark)) >= BrandColor.MinimumTextContrast);
    }

    [Fact]
    public void Every_colour_gets_a_text_colour_with_at_least_the_AA_contrast()
    {
        for (var r = 0; r < 256; r += 15)
        for (var g = 0; g < 256; g += 15)
        for (var b = 0; b < 256; b += 15)
        {
            var color = new BrandColor((byte)r, (byte)g, (byte)b);
            Assert.True(color.ContrastWith(BrandColor.Parse(color.TextColor)) >= BrandColor.MinimumTextContrast, color.ToString());
        }
    }

    [Fact]
    public void A_region_with_a_light_colour_gets_dark_header_text()
    {
        var region = new Region { Code = "x", Name = "X", DefaultCulture = "es", PrimaryColor = "#ffeb3b" };
        Assert.Equal(BrandColor.Dark, region.TextColor);
    }
}
