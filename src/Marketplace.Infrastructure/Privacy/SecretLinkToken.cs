using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Infrastructure.Privacy;

/// <summary>
/// A secret that is the only key of a link (a subscription's manage link, a producer's calendar
/// feed): 32 random bytes, base64url. The database keeps its SHA-256 to find it, so a copy of the
/// database opens no link.
/// </summary>
public static class SecretLinkToken
{
    public static string New() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether a value can be a token at all (43 base64url characters), before any lookup.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
