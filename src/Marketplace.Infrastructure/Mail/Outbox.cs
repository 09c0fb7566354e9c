using Marketplace.Domain.Mail;
using Marketplace.Infrastructure.Data;

namespace Marketplace.Infrastructure.Mail;

/// <summary>
/// Writes e-mails to the outbox table through the caller's DbContext, so the message is
/// committed with the change that caused it, or not at all.
/// </summary>
public sealed class Outbox(MarketplaceDbContext db, MailComposer composer, SiteUrl site, TimeProvider clock)
{
    public OutboxMessage Enqueue(string to, string? toName, string culture, string kind, string template,
        MailBrand brandName, string? link, params object[] values)
    {
        var mail = composer.Compose(template, culture, brandName, link, values);
        var host = new Uri(site.Base()).Host;
        var message = OutboxMessage.Create(to, toName, mail.Subject, mail.Text, mail.Html, culture, kind, host,
            clock.GetUtcNow().UtcDateTime);
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>An absolute link under the site's base address.</summary>
    public string Link(string pathAndQuery) => site.Base() + pathAndQuery;
}
