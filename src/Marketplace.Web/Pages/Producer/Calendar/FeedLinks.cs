using Marketplace.Infrastructure.Mail;

namespace Marketplace.Web.Pages.ProducerArea.Calendar;

/// <summary>
/// The two addresses of a producer's private feed, as the dashboard and the calendar page show
/// them; absolute under <c>Site:BaseUrl</c> (<see cref="SiteUrl"/>), never the request's host.
/// </summary>
public sealed record FeedLinks(string FeedUrl, string WebcalUrl)
{
    public const string RoutePrefix = "/feeds/producer/";

    public static FeedLinks For(SiteUrl site, string token)
    {
        var feed = $"{site.Base()}{RoutePrefix}{token}.ics";
        // The same feed for apps that subscribe on a webcal: link.
        var webcal = "webcal" + feed[feed.IndexOf("://", StringComparison.Ordinal)..];
        return new FeedLinks(feed, webcal);
    }
}
