using Marketplace.Domain.Common;
using Xunit;

namespace Marketplace.Domain.Tests;

public class SingleLineTextTests
{
    [Theory]
    [InlineData("Asociación de Mujeres Warmi Sumaq")]
    [InlineData("Familia Quispe Huamán · Ñuñoa")]
    [InlineData("Feira do Produtor – São José dos Pinhais")]
    [InlineData("")]
    [InlineData(null)]
    public void A_name_in_any_script_with_its_punctuation_is_accepted(string? name) =>
        Assert.False(SingleLineText.HasForbiddenCharacters(name));

    [Theory]
    [InlineData("Plaza\nNueva")]
    [InlineData("Plaza\r\nNueva")]
    [InlineData("Plaza\tNueva")]
    [InlineData("Plaza\u0000")]
    [InlineData("\u001b[31mPlaza")]
    [InlineData("Plaza\u0085")]
    [InlineData("Feria \u202Eocigóloce")]
    [InlineData("\u2066Feria\u2069")]
    public void Control_characters_and_text_reordering_marks_are_refused(string name) =>
        Assert.True(SingleLineText.HasForbiddenCharacters(name));
}
