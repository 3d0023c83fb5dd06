# bash completion for resettle(1)
_resettle()
{
	local cur prev words cword
	_init_completion || return

	local commands="case releases handovers gaps stats set import export watch report ping version help"
	case $prev in
		-f | --format)
			COMPREPLY=($(compgen -W "table csv tsv json ndjson" -- "$cur"))
			return ;;
		--color | --colour)
			COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
			return ;;
		--linestyle)
			COMPREPLY=($(compgen -W "ascii unicode" -- "$cur"))
			return ;;
		--by)
			COMPREPLY=($(compgen -W "prison region pathway month" -- "$cur"))
			return ;;
		--level)
			COMPREPLY=($(compgen -W "ready on_track at_risk not_ready released out_of_scope" -- "$cur"))
			return ;;
		--pathway)
			COMPREPLY=($(compgen -W "accommodation attitudes_thinking_behaviour children_families_community drugs_alcohol education_skills_work finance_id health" -- "$cur"))
			return ;;
		--width)
			# a number of columns: offer the terminal's
			COMPREPLY=($(compgen -W "${COLUMNS:-80}" -- "$cur"))
			return ;;
		--assessment)
			COMPREPLY=($(compgen -W "immediate_needs pre_release" -- "$cur"))
			return ;;
		--confirmed | --at-risk)
			COMPREPLY=($(compgen -W "yes no" -- "$cur"))
			return ;;
		-o | --output | --rejects)
			_filedir
			return ;;
		import)
			COMPREPLY=($(compgen -W "prisoners" -- "$cur"))
			return ;;
		prisoners)
			_filedir
			return ;;
		-h | --host)
			_filedir -d
			return ;;
		-d | --dbname)
			local services=$(sed -n 's/^\[\(.*\)\]$/service=\1/p' "${PGSERVICEFILE:-$HOME/.pg_service.conf}" 2>/dev/null)
			COMPREPLY=($(compgen -W "$services" -- "$cur"))
			return ;;
		export)
			COMPREPLY=($(compgen -W "analyst_cases analyst_release_outcomes analyst_readiness_history analyst_releases_due analyst_handovers v_readiness_summary v_outcome_rates v_gap_counts v_cases v_releases_due v_handover_upcoming v_com_overdue v_release_outcomes case_facts rule readiness_history release_outcome prison" -- "$cur"))
			return ;;
		help)
			COMPREPLY=($(compgen -W "$commands options" -- "$cur"))
			return ;;
	esac

	local i cmd=
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
			-*) ;;
			*) [[ " $commands " == *" ${words[i]} "* ]] && cmd=${words[i]} && break ;;
		esac
	done
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '$(_parse_help resettle ${cmd:+$cmd} --help) $(_parse_help resettle help options)' -- "$cur"))
	elif [[ -z $cmd ]]; then
		COMPREPLY=($(compgen -W "$commands" -- "$cur"))
	fi
} && complete -F _resettle resettle
