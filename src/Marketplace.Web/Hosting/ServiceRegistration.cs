using System.Threading.RateLimiting;
using Marketplace.Infrastructure;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Identity;
using Marketplace.Web.Areas.Identity;
using Marketplace.Web.Health;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Hosting;

public static class ServiceRegistration
{
    public static WebApplicationBuilder AddMarketplaceServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddMarketplaceDatabase(configuration, builder.Environment);
        services.AddMarketplaceMail(configuration, builder.Environment);
        services.AddMarketplaceJobs(configuration);
        services.AddDataProtection()
            .SetApplicationName("Marketplace")
            .PersistKeysToDbContext<MarketplaceDbContext>();

        builder.AddMarketplaceIdentity();
        builder.AddMarketplaceLocalization();
        builder.AddMarketplaceRateLimits();

        // Spanish and Portuguese text stays readable (and lighter) instead of &#xE1; entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddAuthorization(Policies.Add);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, TwoFactorEnrolmentRedirect>();
        services.AddResponseCompression(PublicPageCompression.Configure);
        services.AddSingleton<Microsoft.AspNetCore.ResponseCompression.IResponseCompressionProvider, PublicPageCompression>();
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o =>
            o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o =>
            o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.AddScoped<Brand.PageRegion>();
        // Public pages and feeds carry no personal data; a minute of staleness is the price of speed.
        services.AddPublicCache(configuration);
        services.AddMemoryCache();
        services.Configure<MapOptions>(configuration.GetSection(MapOptions.Section));
        services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
                options.Conventions.AuthorizeFolder("/Staff", Policies.Staff);
                options.Conventions.AuthorizeFolder("/Producer", Policies.Producer);
                options.Conventions.AuthorizeAreaFolder("Identity", "/Account/Manage");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o =>
                o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((mvc, factory) =>
            ModelBindingMessages.Localize(mvc.ModelBindingMessageProvider, factory.Create(typeof(SharedResource))));
        services.PostConfigure<MvcOptions>(UnbindableValues.KeepOnlyTheirText);

        services.Configure<HealthOptions>(configuration.GetSection(HealthOptions.Section));
        services.AddSingleton<HealthDetail>();
        // One instance: it keeps its last write probe for every caller.
        services.AddSingleton<DatabaseWritesHealthCheck>();
        services.AddHealthChecks()
            .AddDbContextCheck<MarketplaceDbContext>("database", tags: [HealthTags.Ready])
            .AddCheck<DatabaseWritesHealthCheck>("database-writes", tags: [HealthTags.Ready])
            .AddCheck<JobStorageHealthCheck>("jobs", tags: [HealthTags.Ready])
            .AddCheck<ReadinessHealthCheck>("seeds", tags: [HealthTags.Ready])
            .AddCheck<OutboxBacklogHealthCheck>("outbox", tags: [HealthTags.Ready]);

        if (!builder.Environment.IsDevelopment())
        {
            services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        }
        builder.AddMarketplaceForwardedHeaders();
        builder.AddMarketplaceHostFiltering();
        // No "Server: Kestrel": nothing tells a scanner which server to try its exploits on.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        return builder;
    }

    /// <summary>Behind a proxy, the client's address and scheme come from X-Forwarded-For/-Proto.</summary>
    private static void AddMarketplaceForwardedHeaders(this WebApplicationBuilder builder)
    {
        var proxy = builder.Configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var address in proxy.KnownProxies)
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(address));
            }
            foreach (var network in proxy.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
    }

    private static void AddMarketplaceIdentity(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<AppUser, IdentityRole>(options =>
            {
                options.SignIn.RequireConfirmedEmail = true;
                options.SignIn.RequireConfirmedAccount = true;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                // The sign-in form counts these per e-mail and client address (SignInThrottle);
                // Identity's per-account count is left to the second factor.
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Tokens.EmailConfirmationTokenProvider = ConfirmationLinkTokenProvider.ProviderName;
            })
            .AddEntityFrameworkStores<MarketplaceDbContext>()
            .AddClaimsPrincipalFactory<MarketplaceClaimsPrincipalFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<ConfirmationLinkTokenProvider>(ConfirmationLinkTokenProvider.ProviderName)
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();

        // Another session of the account ends within a minute of a password change, a reset,
        // a 2FA change, "sign out everywhere" or the account's deletion.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.AddScoped<SignInThrottle>();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Identity/Account/Login";
            options.LogoutPath = "/Identity/Account/Logout";
            options.AccessDeniedPath = "/Identity/Account/AccessDenied";
            options.Cookie.Name = "mp.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Plain HTTP on loopback in Development (PRODUCT.md); HTTPS-only elsewhere.
            options.Cookie.SecurePolicy = builder.Environment.IsDevelopment()
                ? CookieSecurePolicy.SameAsRequest
                : CookieSecurePolicy.Always;
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = SecurityStampCheck.OnlyWhenDue(options.Events.OnValidatePrincipal);
        });
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "mp.af";
            options.Cookie.SecurePolicy = builder.Environment.IsDevelopment()
                ? CookieSecurePolicy.SameAsRequest
                : CookieSecurePolicy.Always;
        });
    }

    private static void AddMarketplaceLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(SupportedCultures.Default);
            options.SupportedCultures = SupportedCultures.All;
            options.SupportedUICultures = SupportedCultures.All;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = "culture", UIQueryStringKey = "culture" },
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
                new Brand.RegionCultureProvider(),
            ];
        });
    }

    private static void AddMarketplaceRateLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>()
            ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Policies.AccountRateLimit, context =>
            {
                // Only the posts are limited: reading the form must stay possible.
                if (!limits.Enabled || !HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("open");
                }
                // Per client address and form, so guessing passwords does not also block sign-up.
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                var key = $"{client}|{context.Request.Path.Value?.ToLowerInvariant()}";
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.AccountPostsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            options.AddPolicy(Policies.ApiRateLimit, context =>
            {
                if (!limits.Enabled)
                {
                    return RateLimitPartition.GetNoLimiter("open");
                }
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.ApiRequestsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (context, token) =>
            {
                var localizer = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsync(localizer["TooManyRequests"], token);
            };
        });
    }
}
