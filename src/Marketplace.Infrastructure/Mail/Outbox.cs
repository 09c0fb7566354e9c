using Marketplace.Domain.Mail;
using Marketplace.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace Marketplace.Infrastructure.Mail;

/// <summary>
/// Writes e-mails to the outbox table through the caller's DbContext, so the message is
/// committed with the change that caused it, or not at all.
/// </summary>
public sealed class Outbox(MarketplaceDbContext db, MailComposer composer, IOptions<SiteOptions> site, TimeProvider clock)
{
    public OutboxMessage Enqueue(string to, string? toName, string culture, string kind, string template,
        string brandName, string? link, params object[] values)
    {
        var mail = composer.Compose(template, culture, brandName, link, values);
        var host = Uri.TryCreate(site.Value.BaseUrl, UriKind.Absolute, out var baseUri) ? baseUri.Host : "marketplace.local";
        var message = OutboxMessage.Create(to, toName, mail.Subject, mail.Text, mail.Html, culture, kind, host,
            clock.GetUtcNow().UtcDateTime);
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>An absolute link under <c>Site:BaseUrl</c>.</summary>
    public string Link(string pathAndQuery) => site.Value.BaseUrl.TrimEnd('/') + pathAndQuery;
}
