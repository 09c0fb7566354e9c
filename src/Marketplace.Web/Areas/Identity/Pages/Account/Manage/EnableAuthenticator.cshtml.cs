using System.ComponentModel.DataAnnotations;
using System.Text;
using Marketplace.Infrastructure.Identity;
using Marketplace.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace Marketplace.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Sets up the authenticator app: the shared key as text and as a QR code (inline SVG, no script),
/// then one code from the app turns two-factor sign-in on and gives the first recovery codes.
/// </summary>
[EnableRateLimiting(Policies.AccountRateLimit)]
public class EnableAuthenticatorModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IStringLocalizer<AccountResource> text,
    ILogger<EnableAuthenticatorModel> logger) : PageModel
{
    private const int RecoveryCodeCount = 10;

    /// <summary>The key in groups of four, as people copy it into an app.</summary>
    public string SharedKey { get; private set; } = "";

    public string QrCodeSvg { get; private set; } = "";

    /// <summary>Sent here from the staff or admin area, which asks for it.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Required { get; set; }

    [BindProperty(Name = nameof(Input))]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(7, MinimumLength = 6, ErrorMessage = "Validation.TwoFactorCode")]
        [Display(Name = "Field.TwoFactorCode")]
        public string Code { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (!ModelState.IsValid)
        {
            await LoadKeyAsync(user);
            return Page();
        }

        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Input.Code", text["TwoFactor.InvalidCode"]);
            await LoadKeyAsync(user);
            return Page();
        }

        // Renews the security stamp: other sessions end at their next check, this one is renewed
        // and now carries the two-factor claim the staff and admin areas ask for.
        await users.SetTwoFactorEnabledAsync(user, true);
        await signIn.RefreshSignInAsync(user);
        logger.LogInformation("Account {UserId} turned on two-factor sign-in", user.Id);

        if (await users.CountRecoveryCodesAsync(user) == 0)
        {
            var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
            TempData[ShowRecoveryCodesModel.TempDataKey] = codes?.ToArray() ?? [];
            return RedirectToPage("./ShowRecoveryCodes");
        }
        TempData["StatusMessage"] = text["EnableAuthenticator.Done"].Value;
        return RedirectToPage("./TwoFactorAuthentication");
    }

    private async Task LoadKeyAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            // The new key renewed the stamp; keep this session.
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        SharedKey = Grouped(key);
        QrCodeSvg = Qr(AuthenticatorUri(user.Email ?? user.UserName ?? "", key));
    }

    private static string Grouped(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }
        return grouped.ToString().TrimEnd();
    }

    /// <summary>The key-URI format authenticator apps read (Google Authenticator's, which they all follow).</summary>
    private static string AuthenticatorUri(string account, string key)
    {
        var issuer = Uri.EscapeDataString(AccountMail.BrandName);
        return $"otpauth://totp/{issuer}:{Uri.EscapeDataString(account)}?secret={key}&issuer={issuer}&digits=6";
    }

    private static string Qr(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true,
            sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
