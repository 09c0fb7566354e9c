using Marketplace.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Marketplace.Web.Hosting;

public static class Policies
{
    public const string Admin = "Admin";
    public const string Staff = "Staff";
    public const string Producer = "Producer";
    /// <summary>Rate limit for sign-in, sign-up and password-reset posts.</summary>
    public const string AccountRateLimit = "account";
    /// <summary>Rate limit for the open-data API.</summary>
    public const string ApiRateLimit = "api";

    public static void Add(AuthorizationOptions options)
    {
        // The areas that change other people's data need a second factor: a stolen password alone is not enough.
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin)
            .AddRequirements(new TwoFactorRequirement()));
        options.AddPolicy(Staff, p => p.RequireAuthenticatedUser().RequireRole(Roles.Staff, Roles.Admin)
            .AddRequirements(new TwoFactorRequirement()));
        options.AddPolicy(Producer, p => p.RequireAuthenticatedUser().RequireRole(Roles.Producer));
    }
}
