using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Identity;
using Marketplace.Infrastructure.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>
/// The link sent to a new address: the account moves to it (e-mail and user name together) and
/// the old address is told, in one transaction. A bad, expired or used link changes nothing.
/// </summary>
public class ConfirmEmailChangeModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    MarketplaceDbContext db,
    Outbox outbox,
    ILogger<ConfirmEmailChangeModel> logger) : PageModel
{
    public bool Changed { get; private set; }

    public async Task OnGetAsync(string? userId, string? email, string? code)
    {
        var token = AccountMail.Decode(code);
        if (string.IsNullOrWhiteSpace(userId) || string.IsNullOrWhiteSpace(email) || token is null
            || await users.FindByIdAsync(userId) is not { } user)
        {
            return;
        }
        var oldEmail = user.Email;

        await using var transaction = await db.Database.BeginTransactionAsync();
        // The token is bound to this address and the account's security stamp: used once, it is spent.
        var result = await users.ChangeEmailAsync(user, email, token);
        if (result.Succeeded)
        {
            // The address is also the sign-in name.
            result = await users.SetUserNameAsync(user, email);
        }
        if (!result.Succeeded)
        {
            return;
        }
        if (!string.IsNullOrEmpty(oldEmail))
        {
            AccountMail.EnqueueEmailChangedNotice(outbox, user, oldEmail, email);
            await db.SaveChangesAsync();
        }
        await transaction.CommitAsync();
        Changed = true;
        logger.LogInformation("Account {UserId} moved to a new e-mail address", user.Id);

        // The stamp changed: the session that followed the link, if it is this account's, stays.
        if (users.GetUserId(User) == user.Id)
        {
            await signIn.RefreshSignInAsync(user);
        }
    }
}
