using System.Globalization;
using System.Text;

namespace Marketplace.Domain.Search;

/// <summary>
/// The one normalization of searchable text, applied in code to what is stored and to what is
/// typed, so every database provider compares the same strings (collations differ in case and
/// accents): lower case, no accents (<c>Maíz</c> = <c>maiz</c>, <c>ç</c> = <c>c</c>, <c>ñ</c> = <c>n</c>),
/// punctuation as spaces, single spaces. A stored text starts with a space, so that "a word
/// starting with <c>quin</c>" is the plain substring <c>" quin"</c> on every provider.
/// </summary>
public static class SearchText
{
    /// <summary>Words of the typed text, at most this many (the rest are ignored).</summary>
    public const int MaxWords = 8;

    /// <summary>The stored form: <c>" feria ecologica de huancavelica"</c>; empty for no text.</summary>
    public static string Normalize(string? text)
    {
        var words = Words(text, int.MaxValue);
        return words.Count == 0 ? "" : " " + string.Join(' ', words);
    }

    /// <summary>The distinct normalized words of <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<string> Words(string? text, int most = MaxWords)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var plain = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }
            plain.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }
        return plain.ToString()
            .Replace("ß", "ss", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Distinct()
            .Take(most)
            .ToList();
    }

    /// <summary>Whether a stored text (<see cref="Normalize"/>) has a word starting with <paramref name="word"/>.</summary>
    public static bool HasWordStartingWith(string stored, string word) =>
        stored.Contains(" " + word, StringComparison.Ordinal);

    /// <summary>
    /// The stored words that start with <paramref name="word"/>, as a range in code-point order:
    /// from <paramref name="word"/> itself up to (not including) the word with its last letter
    /// raised by one (<c>quin</c> … <c>quio</c>). A normalized word never ends with U+FFFF.
    /// </summary>
    public static (string From, string Before) PrefixRange(string word)
    {
        ArgumentException.ThrowIfNullOrEmpty(word);
        return (word, string.Concat(word.AsSpan(0, word.Length - 1), new string((char)(word[^1] + 1), 1)));
    }
}
