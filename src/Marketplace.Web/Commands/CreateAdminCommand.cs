using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Identity;
using Marketplace.Infrastructure.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Commands;

/// <summary>
/// <c>create-admin EMAIL</c>: creates (or promotes) the first administrator on a database that
/// has none, e.g. a fresh production database. The password comes from the
/// <c>MARKETPLACE_ADMIN_PASSWORD</c> environment variable or, failing that, standard input.
/// </summary>
public static class CreateAdminCommand
{
    public const string Name = "create-admin";
    public const string PasswordVariable = "MARKETPLACE_ADMIN_PASSWORD";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output)
    {
        if (args.Length < 2 || !args[1].Contains('@'))
        {
            await output.WriteLineAsync($"usage: {Name} EMAIL   (password from ${PasswordVariable} or standard input)");
            return 2;
        }
        var email = args[1].Trim();
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            password = (await input.ReadLineAsync())?.Trim();
        }
        if (string.IsNullOrEmpty(password))
        {
            await output.WriteLineAsync($"No password: set ${PasswordVariable} or write it on standard input.");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<MarketplaceDbContext>();
        if (provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value.MigrateOnStart)
        {
            await db.Database.MigrateAsync();
        }
        await provider.GetRequiredService<ReferenceDataSeeder>().SeedAsync(CancellationToken.None);

        var users = provider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        IdentityResult result;
        if (user is null)
        {
            user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
            result = await users.CreateAsync(user, password);
        }
        else
        {
            // An existing account is promoted; its password is left as its owner set it.
            user.EmailConfirmed = true;
            result = await users.UpdateAsync(user);
        }
        if (result.Succeeded && !await users.IsInRoleAsync(user, Roles.Admin))
        {
            result = await users.AddToRoleAsync(user, Roles.Admin);
        }
        if (!result.Succeeded)
        {
            await output.WriteLineAsync("Could not create the administrator: "
                + string.Join("; ", result.Errors.Select(e => e.Description)));
            return 1;
        }
        await output.WriteLineAsync($"{email} is an administrator.");
        return 0;
    }
}
