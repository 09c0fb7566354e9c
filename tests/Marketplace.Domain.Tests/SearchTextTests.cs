using Marketplace.Domain.Search;
using Xunit;

namespace Marketplace.Domain.Tests;

public class SearchTextTests
{
    [Theory]
    [InlineData("Maíz", " maiz")]
    [InlineData("MAIZ", " maiz")]
    [InlineData("Feria Ecológica Itinerante", " feria ecologica itinerante")]
    [InlineData("Lircay (Angaraes)", " lircay angaraes")]
    [InlineData("  Hortaliças, ervas — e mel!  ", " hortalicas ervas e mel")]
    [InlineData("Ñuñoa", " nunoa")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Case_accents_and_punctuation_are_normalized_away(string? text, string stored) =>
        Assert.Equal(stored, SearchText.Normalize(text));

    [Fact]
    public void Words_are_distinct_in_order_and_capped()
    {
        Assert.Equal(["papa", "nativa"], SearchText.Words("Papa, papa NATIVA"));
        Assert.Equal(SearchText.MaxWords, SearchText.Words(string.Join(' ', Enumerable.Range(0, 20).Select(i => $"w{i}"))).Count);
    }

    [Theory]
    [InlineData("quin", true)]
    [InlineData("quinua", true)]
    [InlineData("uinua", false)]
    [InlineData("huancavelica", true)]
    public void A_word_matches_the_start_of_any_stored_word(string word, bool matches) =>
        Assert.Equal(matches, SearchText.HasWordStartingWith(SearchText.Normalize("Quinua de Huancavelica"), word));
}
