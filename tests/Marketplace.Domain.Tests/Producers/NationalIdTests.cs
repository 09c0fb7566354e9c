using Marketplace.Domain.Producers;
using Xunit;

namespace Marketplace.Domain.Tests.Producers;

public class NationalIdTests
{
    [Theory]
    [InlineData("12345678", "12345678")]
    [InlineData(" 1234 5678 ", "12345678")]
    [InlineData("123.456.789-09", "12345678909")]
    [InlineData("123/456/789", "123456789")]
    public void A_DNI_or_CPF_is_kept_as_its_digits(string typed, string stored) =>
        Assert.Equal(stored, NationalId.Normalize(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("1234567")]
    [InlineData("123456789012")]
    [InlineData("1234567A")]
    [InlineData("12345678'--")]
    public void Anything_but_eight_to_eleven_digits_is_refused(string? typed) =>
        Assert.Null(NationalId.Normalize(typed));
}
