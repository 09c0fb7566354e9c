using Marketplace.Infrastructure.Privacy;
using Microsoft.AspNetCore.DataProtection;

namespace Marketplace.Infrastructure.Subscriptions;

/// <summary>
/// The secret of a subscription's links (<see cref="SecretLinkToken"/>). Lookups go by its SHA-256;
/// the token itself is kept only encrypted with the site's data-protection keys, because every
/// digest and alert must repeat the manage and unsubscribe links.
/// </summary>
public sealed class SubscriptionTokens(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Marketplace.Subscriptions.Token");

    public sealed record Issued(string Token, string Hash, string Cipher);

    public Issued Issue()
    {
        var token = SecretLinkToken.New();
        return new Issued(token, SecretLinkToken.Hash(token), _protector.Protect(token));
    }

    public string Reveal(string cipher) => _protector.Unprotect(cipher);
}
