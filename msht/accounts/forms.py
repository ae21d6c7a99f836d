from django import forms

SIGN_IN_FAILED = "Enter a correct email address and password"


class SignInForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    password = forms.CharField(
        label="Password",
        widget=forms.PasswordInput,
        strip=False,
        max_length=200,
        error_messages={"required": "Enter your password"},
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Security code",
        max_length=20,
        error_messages={"required": "Enter the security code"},
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split()).replace("-", "")
        if not code.isdigit() or len(code) not in (6, 8):
            raise forms.ValidationError(
                "Enter the 6-digit code from your authenticator app, or an 8-digit backup code"
            )
        return code


class EnrolForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=20,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError("Enter the 6-digit code from your authenticator app")
        return code


def axes_username(request, credentials) -> str:
    """The account name django-axes counts failures against: the email as typed, lower-cased."""
    if credentials and credentials.get("username"):
        return str(credentials["username"]).strip().lower()
    return str(request.POST.get("email", "")).strip().lower()
