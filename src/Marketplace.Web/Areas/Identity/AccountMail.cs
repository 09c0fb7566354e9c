using System.Text;
using Marketplace.Infrastructure.Identity;
using Marketplace.Infrastructure.Mail;
using Marketplace.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketplace.Web.Areas.Identity;

/// <summary>
/// The account e-mails (confirm the address, reset the password, change the address, a sign-up with a taken address), written to the outbox through
/// the request's DbContext: the caller saves them together with whatever caused them.
/// </summary>
internal static class AccountMail
{
    public const string BrandName = "Marketplace";

    /// <summary>Queues a confirmation link for <paramref name="user"/>; the caller saves.</summary>
    public static async Task EnqueueConfirmationAsync(UserManager<AppUser> users, Outbox outbox, AppUser user, string culture)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        outbox.Enqueue(to: user.Email!, toName: null, SupportedCultures.Normalize(culture), kind: "confirm-email",
            template: "ConfirmEmail", brandName: BrandName,
            link: outbox.Link($"/Identity/Account/ConfirmEmail?userId={Uri.EscapeDataString(user.Id)}&code={code}"));
    }

    /// <summary>Queues a password-reset link for <paramref name="user"/>; the caller saves.</summary>
    public static async Task EnqueuePasswordResetAsync(UserManager<AppUser> users, Outbox outbox, AppUser user)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        outbox.Enqueue(to: user.Email!, toName: null, SupportedCultures.Normalize(user.PreferredCulture),
            kind: "reset-password", template: "ResetPassword", brandName: BrandName,
            link: outbox.Link($"/Identity/Account/ResetPassword?code={code}&email={Uri.EscapeDataString(user.Email!)}"));
    }

    /// <summary>
    /// Queues, to <paramref name="newEmail"/>, the link that moves the account to that address;
    /// nothing changes until it is followed. The caller saves.
    /// </summary>
    public static async Task EnqueueEmailChangeAsync(UserManager<AppUser> users, Outbox outbox, AppUser user, string newEmail)
    {
        var code = Encode(await users.GenerateChangeEmailTokenAsync(user, newEmail));
        outbox.Enqueue(to: newEmail, toName: null, SupportedCultures.Normalize(user.PreferredCulture),
            kind: "change-email", template: "ChangeEmail", brandName: BrandName,
            link: outbox.Link($"/Identity/Account/ConfirmEmailChange?userId={Uri.EscapeDataString(user.Id)}"
                + $"&email={Uri.EscapeDataString(newEmail)}&code={code}"),
            newEmail);
    }

    /// <summary>Tells the old address that the account now answers to another one; the caller saves.</summary>
    public static void EnqueueEmailChangedNotice(Outbox outbox, AppUser user, string oldEmail, string newEmail) =>
        outbox.Enqueue(to: oldEmail, toName: null, SupportedCultures.Normalize(user.PreferredCulture),
            kind: "email-changed", template: "EmailChanged", brandName: BrandName, link: null, newEmail);

    /// <summary>
    /// Tells the owner of <paramref name="user"/> that someone tried to sign up with the address,
    /// so the sign-up page can answer as for a new account; the caller saves.
    /// </summary>
    public static void EnqueueSignUpAttempt(Outbox outbox, AppUser user) =>
        outbox.Enqueue(to: user.Email!, toName: null, SupportedCultures.Normalize(user.PreferredCulture),
            kind: "sign-up-attempt", template: "SignUpAttempt", brandName: BrandName,
            link: outbox.Link("/Identity/Account/Login"), outbox.Link("/Identity/Account/ForgotPassword"));

    /// <summary>The token carried by a link, or null when the code is missing or mangled.</summary>
    public static string? Decode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
}
