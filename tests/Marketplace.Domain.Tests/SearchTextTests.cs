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

    [Theory]
    [InlineData("quin", "quin", "quio")]
    [InlineData("maiz", "maiz", "mai{")]
    [InlineData("0001", "0001", "0002")]
    [InlineData("a", "a", "b")]
    public void A_prefix_is_the_range_up_to_its_last_letter_raised(string word, string from, string before) =>
        Assert.Equal((from, before), SearchText.PrefixRange(word));

    [Theory]
    [InlineData("quinua", true)]
    [InlineData("quin", true)]
    [InlineData("quio", false)]
    [InlineData("qui", false)]
    [InlineData("quinz", true)]
    public void Every_word_with_the_prefix_and_only_those_fall_in_its_range(string stored, bool inRange)
    {
        var (from, before) = SearchText.PrefixRange("quin");
        var inside = string.CompareOrdinal(stored, from) >= 0 && string.CompareOrdinal(stored, before) < 0;
        Assert.Equal(inRange, inside);
        Assert.Equal(stored.StartsWith("quin", StringComparison.Ordinal), inside);
    }

    [Fact]
    public void A_names_terms_are_its_distinct_normalized_words_cut_to_the_kept_length()
    {
        var longWord = new string('k', Marketplace.Domain.Producers.ProducerSearchTerm.MaxLength + 5);
        var terms = Marketplace.Domain.Producers.ProducerSearchTerm.Of(SearchText.Normalize($"Asociación de Mujeres de Ñuñoa {longWord}"));

        Assert.Equal(new[] { "asociacion", "de", "mujeres", "nunoa", longWord[..Marketplace.Domain.Producers.ProducerSearchTerm.MaxLength] }.Order(),
            terms.Order());
    }
}
