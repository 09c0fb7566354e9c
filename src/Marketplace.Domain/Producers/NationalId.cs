using System.Text.RegularExpressions;

namespace Marketplace.Domain.Producers;

/// <summary>
/// A person's national ID as staff type it for an assisted registration: a DNI (Peru, 8 digits)
/// or a CPF (Brazil, 11 digits), written with or without dots, dashes, slashes and spaces.
/// Only the digits are stored, so "123.456.789-09" and "12345678909" are the same person.
/// </summary>
public static partial class NationalId
{
    /// <summary>The digits of <paramref name="typed"/>, or null when they are not 8 to 11 digits.</summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }
        var digits = Separators().Replace(typed, "");
        return Digits().IsMatch(digits) ? digits : null;
    }

    [GeneratedRegex(@"[\s.\-/]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^[0-9]{8,11}$")]
    private static partial Regex Digits();
}
