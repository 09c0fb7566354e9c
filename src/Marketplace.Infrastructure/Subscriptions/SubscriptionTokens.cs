using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Marketplace.Infrastructure.Subscriptions;

/// <summary>
/// The secret of a subscription's links: 32 random bytes, base64url. Lookups go by its SHA-256;
/// the token itself is kept only encrypted with the site's data-protection keys, because every
/// digest and alert must repeat the manage and unsubscribe links.
/// </summary>
public sealed class SubscriptionTokens(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Marketplace.Subscriptions.Token");

    public sealed record Issued(string Token, string Hash, string Cipher);

    public Issued Issue()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return new Issued(token, Hash(token), _protector.Protect(token));
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether a query value can be a token at all (43 base64url characters), before any lookup.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public string Reveal(string cipher) => _protector.Unprotect(cipher);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
