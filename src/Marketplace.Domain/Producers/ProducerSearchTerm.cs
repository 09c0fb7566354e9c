using Marketplace.Domain.Search;

namespace Marketplace.Domain.Producers;

/// <summary>
/// One word of a producer's public name in its search form (<see cref="SearchText"/>): the
/// indexed list that finds, by the start of a word, the producers a typed word names without
/// reading every producer. Kept by the database context whenever a name is saved.
/// </summary>
public sealed class ProducerSearchTerm
{
    /// <summary>Longer words are kept (and looked up) by their first this many letters.</summary>
    public const int MaxLength = 40;

    public int ProducerId { get; set; }
    public Producer? Producer { get; set; }
    public required string Term { get; set; }

    /// <summary>The terms of a name's search form: its distinct words, each cut to <see cref="MaxLength"/>.</summary>
    public static IReadOnlySet<string> Of(string? searchName) =>
        SearchText.Words(searchName, int.MaxValue).Select(Cut).ToHashSet(StringComparer.Ordinal);

    /// <summary>A typed word as the terms are kept.</summary>
    public static string Cut(string word) => word.Length > MaxLength ? word[..MaxLength] : word;
}
