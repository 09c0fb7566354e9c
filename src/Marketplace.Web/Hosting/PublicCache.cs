using System.Globalization;
using Marketplace.Infrastructure.Data;
using Microsoft.AspNetCore.OutputCaching;

namespace Marketplace.Web.Hosting;

/// <summary>
/// Output cache of the anonymous public pages and feeds: a minute at most, so several web nodes
/// agree soon; varied by query string and by the culture the page is rendered in (query,
/// cookie or Accept-Language) and by the encoding the response is compressed in (see
/// <see cref="EncodingOf"/>). The default policy already skips signed-in visitors and any
/// response that sets a cookie — so a page with an antiforgery token is never stored.
/// </summary>
public static class PublicCache
{
    public const string Policy = "public";
    /// <summary>Every cached entry that shows fair days; evicted when one changes on this node.</summary>
    public const string FairDaysTag = "fair-days";
    /// <summary>How stale a public page may be; what nodes keep in memory for pages lasts as long.</summary>
    public static readonly TimeSpan Duration = Infrastructure.Caching.KeptForAMinute.Duration;

    /// <summary>
    /// The most the cached responses may hold, in megabytes (setting <c>PublicCache:SizeLimitMegabytes</c>).
    /// The framework's default of 100 MB is a third of a small server's memory; the pages and feeds
    /// asked for most stay within this, and a rarely asked one is rendered again.
    /// </summary>
    public const int DefaultSizeLimitMegabytes = 32;

    public static IServiceCollection AddPublicCache(this IServiceCollection services, IConfiguration configuration)
    {
        var megabytes = configuration.GetValue("PublicCache:SizeLimitMegabytes", DefaultSizeLimitMegabytes);
        services.AddOutputCache(o =>
        {
            o.SizeLimit = megabytes * 1024L * 1024L;
            o.AddPolicy(Policy, p => p
                .Expire(Duration)
                .SetVaryByQuery("*")
                .VaryByValue(_ => new KeyValuePair<string, string>("culture", CultureInfo.CurrentUICulture.Name))
                .VaryByValue(context => new KeyValuePair<string, string>("encoding", EncodingOf(context)))
                .Tag(FairDaysTag));
        });
        services.AddSingleton<IPublicListingObserver, EvictFairDayPages>();
        services.AddSingleton<Pages.Fairs.ComingOffers>();
        services.AddSingleton<IPublicListingObserver>(provider => provider.GetRequiredService<Pages.Fairs.ComingOffers>());
        services.AddSingleton<IBookingObserver>(provider => provider.GetRequiredService<Pages.Fairs.ComingOffers>());
        services.AddSingleton<Pages.Fairs.FairDayCounts>();
        services.AddSingleton<IPublicListingObserver>(provider => provider.GetRequiredService<Pages.Fairs.FairDayCounts>());
        return services;
    }

    /// <summary>
    /// The encoding response compression will choose for this request (<c>br</c>, <c>gzip</c>, or
    /// <c>identity</c>), as the compression middleware runs inside the cache: a page is kept once per
    /// encoding, already compressed, and each visitor gets the one its Accept-Encoding asks for,
    /// however the header is spelled.
    /// </summary>
    private static string EncodingOf(HttpContext context) =>
        context.RequestServices.GetRequiredService<Microsoft.AspNetCore.ResponseCompression.IResponseCompressionProvider>()
            .GetCompressionProvider(context)?.EncodingName ?? "identity";

    /// <summary>Drops this node's cached fair-day pages; other nodes catch up within <see cref="Duration"/>.</summary>
    private sealed class EvictFairDayPages(IOutputCacheStore store) : IPublicListingObserver
    {
        public void Changed() => store.EvictByTagAsync(FairDaysTag, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }
}
